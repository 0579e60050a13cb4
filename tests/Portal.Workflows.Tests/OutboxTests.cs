using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;
using Portal.Workflows.Models;
using Portal.Workflows.Outbox;
using Portal.Workflows.Services;
using Xunit.Abstractions;
using static Portal.Workflows.Tests.WorkflowBuilder;

namespace Portal.Workflows.Tests;

/// <summary>
/// A set-up portal on real HTTP whose outbox retries quickly (1 s, then 2 s, 4 s ...; an attempt may take 2 s; four
/// attempts), with a mail server of its own at the system edge.
/// </summary>
public abstract class OutboxPortal : SetUpPortalServer
{
    public const double FirstRetrySeconds = 1, AttemptTimeoutSeconds = 2;
    public const int MaxAttempts = 4;

    protected OutboxPortal(DatabaseProvider provider) : this(provider, new SmtpTestServer()) { }

    private OutboxPortal(DatabaseProvider provider, SmtpTestServer smtp) : base(provider, settings: new Dictionary<string, string?>
    {
        ["Portal:Workflows:Outbox:FirstRetrySeconds"] = FirstRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Workflows:Outbox:AttemptTimeoutSeconds"] = AttemptTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Workflows:Outbox:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Workflows:Smtp:Host"] = "127.0.0.1",
        ["Portal:Workflows:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Workflows:Smtp:EnableSsl"] = "false",
        ["Portal:Workflows:Smtp:From"] = "portal@example.test",
        ["Portal:Workflows:Secrets:hooks"] = "s3cret",
    }) => Smtp = smtp;

    public SmtpTestServer Smtp { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteOutboxPortal() : OutboxPortal(DatabaseProvider.Sqlite);
public sealed class PostgresOutboxPortal() : OutboxPortal(DatabaseProvider.Postgres);

/// <summary>Mail and webhooks leave through the outbox: the request that caused them never waits, failures are retried with back-off, then shown as failed.</summary>
public abstract class OutboxSuite(OutboxPortal server, ITestOutputHelper output)
{
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_hanging_then_failing_webhook_never_slows_the_request_and_is_retried_with_back_off_until_it_succeeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answers.Enqueue(WebhookReceiver.Hang);
        receiver.Answers.Enqueue(500);
        var (typeId, url) = await InvokableAsync(new WorkflowBuilder("hook " + Guid.NewGuid().ToString("N")[..6])
            .Start("called", "HttpRequestEvent")
            .Add("hook", "HttpRequestTask", new JsonObject { ["Url"] = receiver.Url, ["Body"] = "{ \"wish\": \"w-1\" }", ["SecretName"] = "hooks" })
            .Add("ok", "SetPropertyTask", Set("Status", "lastResult().StatusCode"))
            .Add("failed", "SetPropertyTask", Set("Status", "'failed'"))
            .Connect("called", "Done", "hook").Connect("hook", "Done", "ok").Connect("hook", "Failed", "failed"));

        using var client = server.NewClient();
        var sentAt = receiver.Now;
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync(url, null);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = (await response.Content.ReadAsStringAsync()).Trim('"');

        await WaitAsync(() => StatusAsync(instanceId), s => s == WorkflowStatus.Finished, TimeSpan.FromSeconds(60));
        var requests = receiver.Requests.ToArray();
        output.WriteLine($"The request that queued the webhook answered in {watch.ElapsedMilliseconds} ms; attempts at " +
            string.Join(", ", requests.Select(r => $"+{(r.At - sentAt).TotalSeconds:F2} s ({(r.Answer == 0 ? "hang" : r.Answer)})")));
        // The receiver hangs for ever on the first attempt; the request did not wait for it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(AttemptTimeout), $"the request took {watch.ElapsedMilliseconds} ms");
        Assert.Equal([WebhookReceiver.Hang, 500, 200], requests.Select(r => r.Answer));
        // After the hang: the attempt's time limit, then the first wait; after the 500: twice the first wait.
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromSeconds(AttemptTimeout + FirstRetry) - Early, TimeSpan.FromSeconds(AttemptTimeout + FirstRetry + 5));
        Assert.InRange(requests[2].At - requests[1].At, TimeSpan.FromSeconds(2 * FirstRetry) - Early, TimeSpan.FromSeconds(2 * FirstRetry + 5));
        // One message, so one delivery id on every attempt, and the body signed each time.
        Assert.Single(requests.Select(r => r.Delivery).Distinct());
        var (body, signature) = Assert.Single(receiver.Received);
        Assert.Equal(Activities.HttpRequestTask.Sign("s3cret", body), signature);
        var state = await StateAsync(instanceId);
        Assert.Equal(200, state.Properties["Status"]!.GetValue<long>());
        var message = await MessageAsync(requests[0].Delivery!);
        Assert.Equal((OutboxStatus.Delivered, 3), (message.Status, message.Attempts));
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_marked_failed_the_workflow_takes_Failed_and_the_admin_retries_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        for (var i = 0; i < OutboxPortal.MaxAttempts; i++) receiver.Answers.Enqueue(503);
        var (_, url) = await InvokableAsync(new WorkflowBuilder("hook " + Guid.NewGuid().ToString("N")[..6])
            .Start("called", "HttpRequestEvent")
            .Add("hook", "HttpRequestTask", new JsonObject { ["Url"] = receiver.Url, ["Body"] = "{}" })
            .Add("failed", "SetPropertyTask", Set("Error", "lastResult().Error"))
            .Connect("called", "Done", "hook").Connect("hook", "Failed", "failed"));
        using var anonymous = server.NewClient();
        var instanceId = (await (await anonymous.PostAsync(url, null)).Content.ReadAsStringAsync()).Trim('"');

        await WaitAsync(() => StatusAsync(instanceId), s => s == WorkflowStatus.Finished, TimeSpan.FromSeconds(60));
        Assert.Equal("HTTP 503 Service Unavailable", (await StateAsync(instanceId)).Properties["Error"]!.GetValue<string>());
        var messageId = receiver.Requests.First().Delivery!;
        var failed = await MessageAsync(messageId);
        Assert.Equal((OutboxStatus.Failed, OutboxPortal.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.Equal(OutboxPortal.MaxAttempts, receiver.Requests.Count);

        using var admin = await server.AdminClientAsync();
        var page = await admin.GetStringAsync("/admin/workflows/outbox?status=Failed");
        Assert.Contains($"data-message=\"{messageId}\"", page);
        Assert.Contains("HTTP 503 Service Unavailable", page);
        var retried = await PortalServer.PostFormAsync(admin, $"/admin/workflows/outbox/{messageId}/retry", new(), "/admin/workflows/outbox?status=Failed");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);

        await WaitAsync(async () => (await MessageAsync(messageId)).Status, s => s == OutboxStatus.Delivered, TimeSpan.FromSeconds(30));
        Assert.Single(receiver.Received);
        Assert.DoesNotContain($"data-message=\"{messageId}\"", await admin.GetStringAsync("/admin/workflows/outbox?status=Failed"));
    }

    [Fact]
    public async Task A_webhook_the_receiver_refuses_with_a_4xx_is_not_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answers.Enqueue(404);
        var (_, url) = await InvokableAsync(new WorkflowBuilder("hook " + Guid.NewGuid().ToString("N")[..6])
            .Start("called", "HttpRequestEvent")
            .Add("hook", "HttpRequestTask", new JsonObject { ["Url"] = receiver.Url, ["Body"] = "{}" })
            .Connect("called", "Done", "hook"));
        using var anonymous = server.NewClient();
        var instanceId = (await (await anonymous.PostAsync(url, null)).Content.ReadAsStringAsync()).Trim('"');

        await WaitAsync(() => StatusAsync(instanceId), s => s == WorkflowStatus.Finished, TimeSpan.FromSeconds(30));
        var message = await MessageAsync(receiver.Requests.Single().Delivery!);
        Assert.Equal((OutboxStatus.Failed, 1, "HTTP 404 Not Found"), (message.Status, message.Attempts, message.LastError));
    }

    [Fact]
    public async Task Mail_the_server_defers_is_sent_again_and_mail_it_refuses_is_marked_failed()
    {
        server.Smtp.Answers.Enqueue(451);
        var go = "mail-" + Guid.NewGuid().ToString("N")[..6];
        var (_, url) = await InvokableAsync(new WorkflowBuilder(go)
            .Start("called", "HttpRequestEvent")
            .Add("mail", "EmailTask", new JsonObject
            {
                ["Recipients"] = "staff@example.org, 志愿者 <volunteer@example.org>",
                ["Subject"] = "新心愿待审核 {{ input('Query').wish }}",
                ["Body"] = "请审核心愿 {{ input('Query').wish }}。",
            })
            .Add("sent", "SetPropertyTask", Set("Mail", "'sent'"))
            .Connect("called", "Done", "mail").Connect("mail", "Done", "sent"));
        using var anonymous = server.NewClient();
        var instanceId = (await (await anonymous.PostAsync(url + "&wish=" + go, null)).Content.ReadAsStringAsync()).Trim('"');

        await WaitAsync(() => StatusAsync(instanceId), s => s == WorkflowStatus.Finished, TimeSpan.FromSeconds(60));
        Assert.Equal("sent", (await StateAsync(instanceId)).Properties["Mail"]!.GetValue<string>());
        var mail = Assert.Single(server.Smtp.Received, m => m.Subject.EndsWith(go, StringComparison.Ordinal));
        Assert.Equal("新心愿待审核 " + go, mail.Subject);
        Assert.Equal(["staff@example.org", "volunteer@example.org"], mail.Recipients);
        var message = await LatestMessageAsync(instanceId);
        Assert.Equal((OutboxStatus.Delivered, 2), (message.Status, message.Attempts));

        // 550: the mailbox does not exist; sending again would not help.
        server.Smtp.Answers.Enqueue(550);
        var refused = (await (await anonymous.PostAsync(url + "&wish=refused", null)).Content.ReadAsStringAsync()).Trim('"');
        await WaitAsync(async () => (await LatestMessageAsync(refused)).Status, s => s == OutboxStatus.Failed, TimeSpan.FromSeconds(30));
        var failed = await LatestMessageAsync(refused);
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("SMTP 550", failed.LastError);
    }

    [Fact]
    public async Task Only_workflow_managers_see_the_outbox_and_retry_its_messages()
    {
        var name = "ed" + Guid.NewGuid().ToString("N")[..6];
        await server.CreateRoleAsync("OutboxEditor" + name, "AccessAdmin", "EditContent");
        using var editor = await server.NewSignedInClientAsync(name, "OutboxEditor" + name);
        var id = await InDbAsync(async db =>
        {
            var id = await server.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<OutboxStore>()
                .EnqueueAsync(WebhookSender.MessageKind, "http://127.0.0.1:9/none", "POST", new JsonObject { ["Url"] = "http://127.0.0.1:9/none" });
            await db.Set<OutboxMessageRecord>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed));
            return id;
        });

        Assert.Equal("/access-denied", (await editor.GetAsync("/admin/workflows/outbox")).Headers.Location?.AbsolutePath);
        var token = await PortalServer.AntiforgeryTokenAsync(editor, "/admin");
        var retry = await editor.PostAsync($"/admin/workflows/outbox/{id}/retry",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/access-denied", retry.Headers.Location?.AbsolutePath);
        Assert.Equal(OutboxStatus.Failed, (await MessageAsync(id)).Status);

        using var admin = await server.AdminClientAsync();
        var managerRetry = await PortalServer.PostFormAsync(admin, $"/admin/workflows/outbox/{id}/retry", new(), "/admin/workflows/outbox");
        Assert.Equal(HttpStatusCode.Redirect, managerRetry.StatusCode);
        Assert.NotEqual(OutboxStatus.Failed, (await MessageAsync(id)).Status);
    }

    private static double AttemptTimeout => OutboxPortal.AttemptTimeoutSeconds;
    private static double FirstRetry => OutboxPortal.FirstRetrySeconds;

    private async Task<(string TypeId, string Url)> InvokableAsync(WorkflowBuilder builder)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WorkflowTypeStore>().SaveAsync(builder.Build());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var start = result.Type!.Activities.First(a => a.IsStart).ActivityId;
        return (result.Type.WorkflowTypeId, scope.ServiceProvider.GetRequiredService<WorkflowSignals>().InvokeUrl(result.Type.WorkflowTypeId, start));
    }

    private async Task<T> InDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private Task<WorkflowStatus?> StatusAsync(string instanceId) =>
        InDbAsync(db => db.Set<WorkflowInstanceRecord>().Where(i => i.Id == instanceId).Select(i => (WorkflowStatus?)i.Status).FirstOrDefaultAsync());

    private async Task<WorkflowState> StateAsync(string instanceId) =>
        WorkflowState.FromJson(await InDbAsync(db => db.Set<WorkflowInstanceRecord>().Where(i => i.Id == instanceId).Select(i => i.State).FirstAsync()));

    private Task<OutboxMessageRecord> MessageAsync(string id) =>
        InDbAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().FirstAsync(m => m.Id == id));

    private Task<OutboxMessageRecord> LatestMessageAsync(string instanceId) =>
        InDbAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().Where(m => m.InstanceId == instanceId).OrderByDescending(m => m.CreatedUtc).FirstAsync());

    private static async Task WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return;
            if (watch.Elapsed > within) throw new TimeoutException($"Still {value} after {within.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}

public sealed class SqliteOutboxTests(SqliteOutboxPortal server, ITestOutputHelper output) : OutboxSuite(server, output), IClassFixture<SqliteOutboxPortal>;

public sealed class PostgresOutboxTests(PostgresOutboxPortal server, ITestOutputHelper output) : OutboxSuite(server, output), IClassFixture<PostgresOutboxPortal>;
