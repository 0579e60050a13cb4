using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Workflows.Models;
using Portal.Workflows.Services;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

public abstract partial class ActivitySuite
{
    [Fact]
    public async Task A_content_event_starts_only_for_the_types_in_its_filter_and_correlates_with_the_item()
    {
        var type = await SaveAsync(new WorkflowBuilder(Unique("notes"))
            .Start("created", "ContentCreatedEvent", new JsonObject { ["ContentTypeFilter"] = new JsonArray("Note") })
            .Add("set", "SetPropertyTask", Set("Title", "input('DisplayText')"))
            .Connect("created", "Done", "set"));

        var note = await CreateItemAsync("Note", "街道便民服务");
        await CreateItemAsync("Memo", "不该触发");

        var instance = Assert.Single(await InstancesOfAsync(type.WorkflowTypeId));
        Assert.Equal(note, instance.CorrelationId);
        Assert.Equal("街道便民服务", (await StateAsync(instance.Id)).Properties["Title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_workflow_publishes_the_item_that_was_created_in_the_same_save()
    {
        await SaveAsync(new WorkflowBuilder(Unique("autopublish"))
            .Start("created", "ContentCreatedEvent", new JsonObject { ["ContentTypeFilter"] = new JsonArray("Memo") })
            .Add("publish", "PublishContentTask")
            .Connect("created", "Done", "publish"));

        var memo = await CreateItemAsync("Memo", "自动发布");

        Assert.True((await ItemAsync(memo, VersionOptions.Published))?.Published);
    }

    [Fact]
    public async Task A_halted_workflow_resumes_when_its_item_is_published()
    {
        var type = await SaveAsync(new WorkflowBuilder(Unique("until-published"))
            .Start("created", "ContentCreatedEvent", new JsonObject { ["ContentTypeFilter"] = new JsonArray("Note") })
            .Add("wait", "ContentPublishedEvent")
            .Add("mark", "SetPropertyTask", Set("PublishedTitle", "input('ContentItem').DisplayText"))
            .Connect("created", "Done", "wait").Connect("wait", "Done", "mark"));
        var first = await CreateItemAsync("Note", "第一篇");
        var second = await CreateItemAsync("Note", "第二篇");

        await Host.InScopeAsync(sp => sp.GetRequiredService<ContentManager>().PublishAsync(first));

        var instances = await InstancesOfAsync(type.WorkflowTypeId);
        Assert.Equal(WorkflowStatus.Finished, instances.Single(i => i.CorrelationId == first).Status);
        Assert.Equal(WorkflowStatus.Halted, instances.Single(i => i.CorrelationId == second).Status);
        Assert.Equal("第一篇", (await StateAsync(instances.Single(i => i.CorrelationId == first).Id)).Properties["PublishedTitle"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_content_fills_its_json_template_and_a_bad_template_faults_without_creating_anything()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("create", "CreateContentTask", new JsonObject
            {
                ["ContentType"] = "Memo",
                ["ContentProperties"] = "{ \"TitlePart\": { \"Title\": \"{{ input('Title') }}\" } }",
                ["Publish"] = true,
            })
            .Add("remember", "SetPropertyTask", Set("Created", "lastResult()"))
            .Connect("start", "Done", "create").Connect("create", "Done", "remember"));

        var id = Assert.Single((await SignalAsync(go, null, new JsonObject { ["Title"] = "由流程创建" })).Started);
        var broken = Assert.Single((await SignalAsync(go, null, new JsonObject { ["Title"] = "引号\" 断了" })).Started);

        var created = (await StateAsync(id)).Properties["Created"]!.GetValue<string>();
        Assert.Equal("由流程创建", (await ItemAsync(created, VersionOptions.Published))!.DisplayText);
        var faulted = (await InstanceAsync(broken))!;
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Contains("not valid", faulted.FaultMessage);
    }

    [Fact]
    public async Task Notify_leaves_a_notice_for_the_items_owner_and_for_a_role()
    {
        await SaveAsync(new WorkflowBuilder(Unique("tell"))
            .Start("created", "ContentCreatedEvent", new JsonObject { ["ContentTypeFilter"] = new JsonArray("Memo") })
            .Add("notify", "NotifyTask", new JsonObject
            {
                ["NotifyOwner"] = true,
                ["Roles"] = new JsonArray("Editor"),
                ["Message"] = "{{ input('DisplayText') }} 已收到",
                ["Url"] = "/admin/content/{{ correlationId() }}/edit",
            })
            .Connect("created", "Done", "notify"));
        var owner = Unique("owner");

        var memo = await CreateItemAsync("Memo", "一份备忘", owner: owner);

        var forOwner = await Host.InScopeAsync(sp => sp.GetRequiredService<NotificationStore>().ForAsync(Person(owner)));
        var forEditor = await Host.InScopeAsync(sp => sp.GetRequiredService<NotificationStore>().ForAsync(Person(Unique("ed"), "Editor")));
        var forStranger = await Host.InScopeAsync(sp => sp.GetRequiredService<NotificationStore>().ForAsync(Person(Unique("x"), "Volunteer")));
        var notice = Assert.Single(forOwner);
        Assert.Equal("一份备忘 已收到", notice.Message);
        Assert.Equal($"/admin/content/{memo}/edit", notice.Url);
        Assert.Contains(forEditor, n => n.Message == "一份备忘 已收到");
        Assert.DoesNotContain(forStranger, n => n.Message == "一份备忘 已收到");
    }

    [Fact]
    public async Task Email_without_smtp_waits_in_the_outbox_then_goes_to_the_pickup_folder()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go).Add("mail", "EmailTask", new JsonObject
        {
            ["Recipients"] = "staff@example.org",
            ["Subject"] = "心愿 {{ correlationId() }}",
            ["Body"] = "请审核 {{ input('Title') }}",
        }).Connect("start", "Done", "mail"));
        var folder = Host.Services.GetRequiredService<Portal.Core.Data.PortalDatabaseSettings>().DataPath;
        var pickup = Path.Combine(folder, "mail-pickup");
        var before = Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0;

        var id = Assert.Single((await SignalAsync(go, "w-42", new JsonObject { ["Title"] = "轮椅" })).Started);
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(id))!.Status);
        Assert.Equal(before, Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0);

        Assert.True(await DeliverOutboxAsync() >= 1);

        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
        var files = Directory.GetFiles(pickup);
        Assert.Equal(before + 1, files.Length);
        var mail = files.Select(File.ReadAllText).Last(t => t.Contains("staff@example.org"));
        Assert.Contains("staff@example.org", mail);
    }

    [Fact]
    public async Task An_http_request_posts_a_signed_body_that_the_receiver_can_verify()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var go = Unique("go");
        await SaveAsync(Starting(go).Add("hook", "HttpRequestTask", new JsonObject
        {
            ["Url"] = receiver.Url,
            ["Body"] = "{ \"wish\": \"{{ correlationId() }}\" }",
            ["SecretName"] = "hooks",
        }).Add("ok", "SetPropertyTask", Set("Status", "lastResult().StatusCode"))
          .Connect("start", "Done", "hook").Connect("hook", "Done", "ok"));

        var id = Assert.Single((await SignalAsync(go, "w-7")).Started);
        Assert.Empty(receiver.Received);
        await DeliverOutboxAsync();

        Assert.Equal(200, (await StateAsync(id)).Properties["Status"]!.GetValue<long>());
        var (body, signature) = Assert.Single(receiver.Received);
        Assert.Equal("{ \"wish\": \"w-7\" }", body);
        Assert.Equal(Activities.HttpRequestTask.Sign("s3cret", body), signature);
    }

    [Fact]
    public async Task A_signal_link_resumes_only_its_instance_and_a_forged_one_is_refused()
    {
        var go = Unique("go");
        await SaveAsync(Starting(go)
            .Add("link", "SetPropertyTask", Set("Link", "signalUrl('confirm')"))
            .Add("wait", "SignalEvent", Signal("confirm"))
            .Connect("start", "Done", "link").Connect("link", "Done", "wait"));
        var id = Assert.Single((await SignalAsync(go, "s1")).Started);
        var other = Assert.Single((await SignalAsync(go, "s2")).Started);
        var link = (await StateAsync(id)).Properties["Link"]!.GetValue<string>();
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var signals = Host.Services.GetRequiredService<WorkflowSignals>();

        Assert.Equal((id, "confirm"), signals.ReadSignal(token));
        Assert.Null(signals.ReadSignal(token[..^4] + "AAAA"));
        Assert.Null(signals.ReadInvoke(token));
        var result = await ManagerAsync(m => m.ResumeAsync(id, "wait", new JsonObject { ["Signal"] = "confirm" }));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(id))!.Status);
        Assert.Equal(WorkflowStatus.Halted, (await InstanceAsync(other))!.Status);
    }
}
