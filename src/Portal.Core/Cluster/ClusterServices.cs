using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

public static class ClusterServices
{
    /// <summary>What lets several nodes on one database act as one portal.</summary>
    public static IServiceCollection AddPortalCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, ClusterModel>();
        services.AddSingleton<ChangeSignals>();
        services.AddSingleton<SignalsOnCommit>();
        services.AddHostedService<PostgresSignalListener>();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection("Portal:Cluster"));
        services.AddSingleton<BackgroundLeases>();
        // A fixed name, not the content root: nodes deployed to different folders must share purposes and cookie names.
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
