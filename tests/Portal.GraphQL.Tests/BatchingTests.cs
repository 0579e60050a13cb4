using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.GraphQL.Tests;

/// <summary>Content pickers load in batches: the number of SQL queries does not grow with the number of items.</summary>
public class BatchingTests(GraphQLServer server) : IClassFixture<GraphQLServer>
{
    private const string Query = """
        query ($tag: String, $n: Int) {
          story(first: $n, where: { subtitle_starts_with: $tag }) {
            displayText subtitle
            campaign { contentItems { displayText ... on Campaign { slogan } } }
            relatedWishes { contentItems { ... on Wish { alias campaign { contentItems { displayText } } } } }
          }
        }
        """;

    [Fact]
    public async Task A_hundred_stories_with_their_wishes_and_campaign_cost_as_many_queries_as_ten()
    {
        var tag = "b" + Guid.NewGuid().ToString("N")[..8];
        var wishes = new List<string>();
        for (var i = 0; i < 20; i++) wishes.Add(await server.WishAsync($"心愿{i}", $"王*{i}"));
        for (var i = 0; i < 100; i++) await server.StoryAsync($"故事{i}", $"{tag}-{i}", i, [wishes[i % 20], wishes[(i + 1) % 20]]);

        using var admin = await server.AdminClientAsync();
        await GraphQLServer.PostAsync(admin, Query, new { tag, n = 1 }); // warm: definitions, schema, sign-in
        var (ten, tenBody) = await CountQueriesAsync(admin, () => GraphQLServer.PostAsync(admin, Query, new { tag, n = 10 }));
        var (hundred, hundredBody) = await CountQueriesAsync(admin, () => GraphQLServer.PostAsync(admin, Query, new { tag, n = 100 }));

        Assert.True(hundredBody!["errors"] is null, hundredBody.ToJsonString());
        Assert.Equal(100, hundredBody["data"]!["story"]!.AsArray().Count);
        Assert.Equal(2, hundredBody["data"]!["story"]![99]!["relatedWishes"]!["contentItems"]!.AsArray().Count);
        Assert.Equal("点亮路灯", hundredBody["data"]!["story"]![0]!["relatedWishes"]!["contentItems"]![0]!["campaign"]!["contentItems"]![0]!["displayText"]!.GetValue<string>());
        Assert.Null(tenBody!["errors"]);
        Assert.Equal(ten, hundred);
        Assert.InRange(hundred, 1, 8);
    }

    /// <summary>
    /// Counts the SQL commands the request made by <paramref name="work"/> runs: the request carries a trace id of its own
    /// and only commands run under it count, so background services polling the same database meanwhile do not.
    /// </summary>
    private static async Task<(int Count, System.Text.Json.Nodes.JsonNode? Body)> CountQueriesAsync(HttpClient client,
        Func<Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode? Body)>> work)
    {
        var trace = ActivityTraceId.CreateRandom();
        var count = 0;
        using var requests = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(requests);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuted.Name && Activity.Current?.TraceId == trace)
                        Interlocked.Increment(ref count);
                }));
        }));
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        try
        {
            var (response, body) = await work();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (count, body);
        }
        finally
        {
            client.DefaultRequestHeaders.Remove("traceparent");
        }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(T value) => next(value);
    }
}
