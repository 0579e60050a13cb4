using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Cluster;
using Portal.Core.Content.Definitions;
using Portal.Core.Data;

namespace Portal.GraphQL.ApiClients;

/// <summary>A client to create: the secret is generated unless given (recipes may give one).</summary>
public sealed record ApiClientInput(string Name, IReadOnlyList<string> Scopes, int RateLimitPerMinute = ApiClientService.DefaultRateLimit, string? Secret = null);

/// <summary>Creates, authenticates, rate-limits, logs and revokes partners' API clients. Secrets are stored as SHA-256 only.</summary>
public sealed class ApiClientService(PortalDbContext db, ContentDefinitionStore definitions, ApiClientCache cache, ChangeSignals signals, TimeProvider clock)
{
    /// <summary>The change signal a revocation sends to every node, which drops the clients it knows.</summary>
    public const string SignalName = "api-clients";

    public const int DefaultRateLimit = 120;
    public const string SubmitWishScope = "submitWish";
    public const string DraftsScope = "drafts";
    private const int MinSecretLength = 24;

    private DbSet<ApiClientRecord> Clients => db.Set<ApiClientRecord>();
    private DbSet<ApiRequestRecord> Requests => db.Set<ApiRequestRecord>();

    public async Task<IReadOnlyList<string>> ValidateAsync(ApiClientInput input)
    {
        var errors = new List<string>();
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100) errors.Add("The name is required (at most 100 characters).");
        var types = (await definitions.GetAsync()).ContentTypes.Select(t => t.Name).ToHashSet();
        foreach (var scope in input.Scopes.Where(s => s != SubmitWishScope && s != DraftsScope && !types.Contains(s)))
            errors.Add($"The scope \"{scope}\" is neither a content type nor {SubmitWishScope} or {DraftsScope}.");
        if (input.Scopes.Count == 0) errors.Add("Grant at least one scope.");
        if (input.RateLimitPerMinute is < 1 or > 100_000) errors.Add("The rate limit must be between 1 and 100000 requests a minute.");
        if (input.Secret is { } secret && secret.Length < MinSecretLength) errors.Add($"A given secret must be at least {MinSecretLength} characters long.");
        if (name.Length > 0 && await Clients.AnyAsync(c => c.Name == name && c.RevokedUtc == null)) errors.Add($"A client named \"{name}\" exists already.");
        return errors;
    }

    /// <summary>Creates the client and returns its secret, the only time it is available.</summary>
    public async Task<(ApiClientRecord? Client, string? Secret, IReadOnlyList<string> Errors)> CreateAsync(ApiClientInput input)
    {
        var errors = await ValidateAsync(input);
        if (errors.Count > 0) return (null, null, errors);
        var secret = input.Secret ?? "pk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        // A revoked client's name may be reused: the old row keeps its log under a retired name.
        await Clients.Where(c => c.Name == input.Name.Trim() && c.RevokedUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name + " (revoked " + c.Id + ")"));
        var client = new ApiClientRecord
        {
            Name = input.Name.Trim(),
            SecretHash = Hash(secret),
            Scopes = string.Join(',', input.Scopes.Distinct()),
            RateLimitPerMinute = input.RateLimitPerMinute,
            CreatedUtc = now,
            WindowStartUtc = now,
        };
        Clients.Add(client);
        await db.SaveChangesAsync();
        return (client, secret, []);
    }

    /// <summary>
    /// The active client with this secret. Its scopes and limit never change (a recipe replaces a client by revoking it),
    /// so a found client is kept by the hash while <see cref="ChangeSignals.Trusts"/> it; a revocation's signal drops it.
    /// Unknown secrets are asked every time: they are not kept.
    /// </summary>
    public async Task<ApiClientRecord?> FindBySecretAsync(string secret)
    {
        var hash = Hash(secret);
        if (cache.Trusted(hash) is { } known) return known;
        var generation = cache.Generation;
        var client = await Clients.AsNoTracking().FirstOrDefaultAsync(c => c.SecretHash == hash && c.RevokedUtc == null);
        if (client is not null && db.Database.CurrentTransaction is null) cache.Set(hash, client, generation);
        return client;
    }

    public Task<ApiClientRecord?> FindAsync(long id) => Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);

    public async Task<IReadOnlyList<ApiClientRecord>> ListAsync() =>
        await Clients.AsNoTracking().OrderBy(c => c.RevokedUtc != null).ThenBy(c => c.Name).ToListAsync();

    public async Task<bool> RevokeAsync(long id)
    {
        var revoked = await Clients.Where(c => c.Id == id && c.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedUtc, clock.GetUtcNow().UtcDateTime)) == 1;
        if (!revoked) return false;
        cache.Clear();
        await signals.SignalAsync(db, SignalName);
        return true;
    }

    /// <summary>
    /// Counts a request against the client's per-minute window in one conditional UPDATE, so every node of a
    /// cluster shares the count; false when the window is full.
    /// </summary>
    public async Task<bool> TryAcquireAsync(ApiClientRecord client)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        var limit = client.RateLimitPerMinute;
        var taken = await Clients.Where(c => c.Id == client.Id && (c.WindowStartUtc != window || c.WindowCount < limit))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.WindowCount, c => c.WindowStartUtc == window ? c.WindowCount + 1 : 1)
                .SetProperty(c => c.WindowStartUtc, window)
                .SetProperty(c => c.RequestCount, c => c.RequestCount + 1)
                .SetProperty(c => c.LastUsedUtc, now));
        if (taken == 1) return true;
        await Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RejectedCount, c => c.RejectedCount + 1));
        return false;
    }

    public async Task LogAsync(long clientId, int status, TimeSpan duration, string? operationName, string? error)
    {
        Requests.Add(new ApiRequestRecord
        {
            ClientId = clientId,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Status = status,
            DurationMs = (int)Math.Min(duration.TotalMilliseconds, int.MaxValue),
            OperationName = Truncate(operationName, 100),
            Error = Truncate(error, 500),
        });
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<ApiRequestRecord>> RecentRequestsAsync(long clientId, int take = 100) =>
        await Requests.AsNoTracking().Where(r => r.ClientId == clientId).OrderByDescending(r => r.Id).Take(take).ToListAsync();

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>
/// Active clients by their secret's hash, shared by a node's requests; dropped by <see cref="ApiClientService.SignalName"/>.
/// A client read before a drop is not kept (the generation moved), so a revocation racing a lookup cannot leave it.
/// </summary>
public sealed class ApiClientCache
{
    private readonly ConcurrentDictionary<string, Entry> clients = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly ChangeSignals signals;
    private int generation;

    public ApiClientCache(ChangeSignals signals)
    {
        this.signals = signals;
        signals.Subscribe(ApiClientService.SignalName, Clear);
    }

    public int Generation => Volatile.Read(ref generation);

    public ApiClientRecord? Trusted(string hash) =>
        clients.TryGetValue(hash, out var e) && signals.Trusts(e.CheckedAt) ? e.Client : null;

    public void Set(string hash, ApiClientRecord client, int readGeneration)
    {
        lock (gate)
        {
            if (generation == readGeneration) clients[hash] = new Entry(client, Stopwatch.GetTimestamp());
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            generation++;
            clients.Clear();
        }
    }

    private sealed record Entry(ApiClientRecord Client, long CheckedAt);
}
