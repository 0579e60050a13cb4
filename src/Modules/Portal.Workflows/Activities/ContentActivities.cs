using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Workflows.Engine;
using Portal.Workflows.Models;

namespace Portal.Workflows.Activities;

/// <summary>
/// A content event (Orchard's ContentCreatedEvent ...): its input is the item (<c>input('ContentItem')</c>),
/// its correlation id the item id; an optional type filter limits it to some content types.
/// </summary>
public sealed class ContentEvent(string name, string displayText) : Activity
{
    public static readonly (string Name, string Display)[] All =
    [
        ("ContentCreatedEvent", "Content created"),
        ("ContentUpdatedEvent", "Content updated"),
        ("ContentPublishedEvent", "Content published"),
        ("ContentUnpublishedEvent", "Content unpublished"),
        ("ContentDeletedEvent", "Content deleted"),
    ];

    public override string Name => name;
    public override ActivityKind Kind => ActivityKind.Event;
    public override string DisplayText => displayText;
    public override string Category => "Content";
    public override string Description => "Starts or resumes a workflow when this happens to an item, optionally only for some content types.";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("ContentTypeFilter", PropertyKind.List, "Content types", "empty for every type; one per line")];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done"];

    public override Task<bool> CanExecuteAsync(ActivityContext context)
    {
        var filter = context.List("ContentTypeFilter");
        return Task.FromResult(filter.Count == 0 || filter.Contains(context.Input["ContentType"]?.ToString() ?? ""));
    }

    public static JsonObject Input(ContentItem item) => new()
    {
        ["ContentItemId"] = item.ContentItemId,
        ["ContentType"] = item.ContentType,
        ["DisplayText"] = item.DisplayText,
        ["ContentItem"] = System.Text.Json.JsonSerializer.SerializeToNode(item, ContentJson.Options),
    };
}

/// <summary>Raises the content events inside the content manager's transaction: the save and its workflows commit together.</summary>
internal sealed class WorkflowContentHandler(IServiceProvider services) : ContentHandler
{
    public override Task CreatedAsync(ContentContext context) => TriggerAsync("ContentCreatedEvent", context);
    public override Task UpdatedAsync(ContentContext context) => TriggerAsync("ContentUpdatedEvent", context);
    public override Task PublishedAsync(ContentContext context) => TriggerAsync("ContentPublishedEvent", context);
    public override Task UnpublishedAsync(ContentContext context) => TriggerAsync("ContentUnpublishedEvent", context);
    public override Task RemovedAsync(ContentContext context) => TriggerAsync("ContentDeletedEvent", context);

    private Task TriggerAsync(string name, ContentContext context) =>
        // Resolved late: workflow activities use the content manager, which holds this handler.
        services.GetRequiredService<Services.WorkflowManager>()
            .TriggerEventAsync(name, () => ContentEvent.Input(context.Item), context.Item.ContentItemId);
}

/// <summary>Publishes or unpublishes an item (by default the correlated one).</summary>
public sealed class PublishContentTask(bool publish) : Activity
{
    public override string Name => publish ? "PublishContentTask" : "UnpublishContentTask";
    public override string DisplayText => publish ? "Publish content" : "Unpublish content";
    public override string Category => "Content";
    public override string Description => publish ? "Publishes the item's latest version." : "Takes the item off the site.";
    public override IReadOnlyList<ActivityProperty> Properties =>
        [new("ContentItemId", PropertyKind.Expression, "Item id", "empty for the correlated item")];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Failed"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var id = context.Evaluate("ContentItemId")?.ToString() ?? context.Workflow.CorrelationId
            ?? throw new WorkflowActivityException("No item id: give one, or correlate the workflow with an item.");
        var content = context.Workflow.Get<ContentManager>();
        var result = publish ? await content.PublishAsync(id) : await content.UnpublishAsync(id);
        context.Workflow.State.LastResult = result.Succeeded ? id : result.ToString();
        return ActivityResult.Outcome(result.Succeeded ? "Done" : "Failed");
    }
}

/// <summary>Creates an item of a type from JSON (a template), or updates the correlated item's JSON parts.</summary>
public sealed class CreateOrUpdateContentTask(bool create) : Activity
{
    public override string Name => create ? "CreateContentTask" : "UpdateContentTask";
    public override string DisplayText => create ? "Create content" : "Update content";
    public override string Category => "Content";
    public override string Description => create
        ? "Creates an item of a type; its JSON may use {{ expressions }}."
        : "Merges JSON into the item's parts; the JSON may use {{ expressions }}.";
    public override IReadOnlyList<ActivityProperty> Properties =>
    [
        new(create ? "ContentType" : "ContentItemId", create ? PropertyKind.Text : PropertyKind.Expression, create ? "Content type" : "Item id (empty: the correlated item)", Required: create),
        new("ContentProperties", PropertyKind.Template, "Item JSON", "{ \"TitlePart\": { \"Title\": \"{{ input('DisplayText') }}\" } }"),
        new("Publish", PropertyKind.Boolean, "Publish"),
    ];

    public override IReadOnlyList<string> Outcomes(ActivityRecord activity) => ["Done", "Failed"];

    public override async Task<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var content = context.Workflow.Get<ContentManager>();
        var json = context.Render("ContentProperties");
        JsonObject parts;
        try
        {
            parts = json.Length == 0 ? new JsonObject() : JsonNode.Parse(json) as JsonObject
                ?? throw new WorkflowActivityException("The item JSON must be an object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new WorkflowActivityException($"The item JSON is not valid: {e.Message}", e);
        }

        ContentItem? item;
        if (create)
        {
            var type = context.Text("ContentType") ?? "";
            item = await content.NewAsync(type) ?? throw new WorkflowActivityException($"There is no content type '{type}'.");
        }
        else
        {
            var id = context.Evaluate("ContentItemId")?.ToString() ?? context.Workflow.CorrelationId ?? "";
            item = await content.GetAsync(id, VersionOptions.Latest) ?? throw new WorkflowActivityException($"There is no item '{id}'.");
        }
        foreach (var (part, value) in parts)
        {
            if (value is JsonObject partValues && item.Content[part] is JsonObject existing)
                foreach (var (key, v) in partValues) existing[key] = v?.DeepClone();
            else
                item.Content[part] = value?.DeepClone();
        }
        var result = create ? await content.CreateAsync(item, context.Flag("Publish")) : await content.UpdateAsync(item);
        if (result.Succeeded && !create && context.Flag("Publish")) result = await content.PublishAsync(item.ContentItemId);
        context.Workflow.State.LastResult = result.Succeeded ? item.ContentItemId : result.ToString();
        return ActivityResult.Outcome(result.Succeeded ? "Done" : "Failed");
    }
}
