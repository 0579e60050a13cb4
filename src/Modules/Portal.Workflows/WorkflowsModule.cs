using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Workflows.Activities;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;
using Portal.Workflows.Services;

namespace Portal.Workflows;

/// <summary>Workflows: Orchard Core's model of types, instances and activities, run by events, timers and people.</summary>
public sealed class WorkflowsModule : PortalModule
{
    public static readonly Permission ManageWorkflows = new("ManageWorkflows", "Design workflow types and manage their instances", "Workflows");

    public override string Name => "Portal.Workflows";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents", "Portal.Wishes"];
    public override string Description => "Workflow engine, activities, timers, signals and user tasks.";
    public override IEnumerable<Permission> Permissions => [ManageWorkflows];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, WorkflowsModel>();
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection("Portal:Workflows"));
        services.AddSingleton<ActivityLibrary>();
        services.AddSingleton<WorkflowTypeCache>();
        services.AddScoped<WorkflowTypeValidator>();
        services.AddScoped<WorkflowTypeStore>();
        services.AddScoped<WorkflowManager>();

        services.AddSingleton<Activity, IfElseTask>();
        services.AddSingleton<Activity, ForkTask>();
        services.AddSingleton<Activity, JoinTask>();
        services.AddSingleton<Activity, ForEachTask>();
        services.AddSingleton<Activity, ScriptTask>();
        services.AddSingleton<Activity, SetPropertyTask>();
        services.AddSingleton<Activity, LogTask>();
        services.AddSingleton<Activity, SignalEvent>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
