using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Core.Content;
using Portal.Core.Recipes;
using Portal.Wishes.Services;
using Portal.Workflows.Activities;
using Portal.Workflows.Endpoints;
using Portal.Workflows.Recipes;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;
using Portal.Workflows.Outbox;
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
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<WorkflowTypeCache>();
        services.AddScoped<WorkflowTypeValidator>();
        services.AddScoped<WorkflowTypeStore>();
        services.AddScoped<WorkflowManager>();
        services.AddScoped<UserTaskService>();
        services.AddScoped<NotificationStore>();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Portal:Workflows:Smtp"));
        services.AddSingleton<WorkflowSignals>();
        AddOutbox(services, configuration);
        services.AddSingleton<WorkflowTimerService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimerService>());
        services.AddScoped<ContentHandler, WorkflowContentHandler>();
        services.AddSingleton(new ContentItemAdminPanel("UserTasksPanel", 10));
        services.AddScoped<IWishEventHandler, WorkflowWishEventHandler>();
        services.AddScoped<IRecipeStep, WorkflowTypeStep>();
        services.AddScoped<IRecipeExportStep, WorkflowTypeStep>();

        services.AddSingleton<Activity, IfElseTask>();
        services.AddSingleton<Activity, ForkTask>();
        services.AddSingleton<Activity, JoinTask>();
        services.AddSingleton<Activity, ForEachTask>();
        services.AddSingleton<Activity, ScriptTask>();
        services.AddSingleton<Activity, SetPropertyTask>();
        services.AddSingleton<Activity, LogTask>();
        services.AddSingleton<Activity, SignalEvent>();
        services.AddSingleton<Activity, HttpRequestEvent>();
        services.AddSingleton<Activity, TimerEvent>();
        services.AddSingleton<Activity, DelayTask>();
        services.AddSingleton<Activity, UserTask>();
        services.AddSingleton<Activity, NotifyTask>();
        services.AddSingleton<Activity, EmailTask>();
        services.AddSingleton<Activity, HttpRequestTask>();
        services.AddSingleton<Activity>(new PublishContentTask(publish: true));
        services.AddSingleton<Activity>(new PublishContentTask(publish: false));
        services.AddSingleton<Activity>(new CreateOrUpdateContentTask(create: true));
        services.AddSingleton<Activity>(new CreateOrUpdateContentTask(create: false));
        foreach (var (name, display) in ContentEvent.All) services.AddSingleton<Activity>(new ContentEvent(name, display));
        foreach (var (name, display) in WishEventActivity.All) services.AddSingleton<Activity>(new WishEventActivity(name, display));
        services.AddSingleton<Activity, SetWishStatusTask>();
        services.AddSingleton<Activity, OpenToOrganisationsTask>();
        services.AddSingleton<Activity, FindStaleWishesTask>();
        services.AddSingleton<Activity, CreateStoryDraftTask>();
        services.AddSingleton<Activity>(new ClaimTask(confirm: true));
        services.AddSingleton<Activity>(new ClaimTask(confirm: false));
        services.AddSingleton<Activity, ClaimStatusTask>();
    }

    private static void AddOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, OutboxModel>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Portal:Workflows:Outbox"));
        services.AddScoped<OutboxStore>();
        services.AddScoped<IOutboxSender, WorkflowMailer>();
        services.AddScoped<IOutboxSender, WebhookSender>();
        // Each attempt has its own limit (OutboxOptions.AttemptTimeoutSeconds).
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDelivery>());
    }

    public override IEnumerable<AdminMenuItem> AdminMenu =>
    [
        new("Work queue", "/admin/workflows/tasks", 15, "AccessAdmin", "Workflows"),
        new("Notifications", "/admin/workflows/notifications", 16, "AccessAdmin", "Workflows"),
        new("Workflows", "/admin/workflows", 60, ManageWorkflows.Name, "Workflows"),
        new("Outbox", "/admin/workflows/outbox", 61, ManageWorkflows.Name, "Workflows"),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapWorkflowEndpoints();
}
