using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.GraphQL.ApiClients;

/// <summary>A partner's API client: its scopes, the SHA-256 of its secret (the secret itself is shown once) and its counters.</summary>
public sealed class ApiClientRecord
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string SecretHash { get; set; } = "";
    /// <summary>Readable content types, plus <c>submitWish</c> and <c>drafts</c>, separated by commas.</summary>
    public string Scopes { get; set; } = "";
    public int RateLimitPerMinute { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public long RequestCount { get; set; }
    public long RejectedCount { get; set; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime WindowStartUtc { get; set; }
    public int WindowCount { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One request of a client, for the admin's request log.</summary>
public sealed class ApiRequestRecord
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public DateTime AtUtc { get; set; }
    public int Status { get; set; }
    public int DurationMs { get; set; }
    public string? OperationName { get; set; }
    public string? Error { get; set; }
}

internal sealed class ApiClientsModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        modelBuilder.Entity<ApiClientRecord>(e =>
        {
            e.ToTable("ApiClients");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.SecretHash).HasMaxLength(64);
            e.Property(c => c.Scopes).HasMaxLength(2000);
            e.HasIndex(c => c.Name).IsUnique();
            e.HasIndex(c => c.SecretHash).IsUnique();
            e.Ignore(c => c.ScopeList);
        });
        modelBuilder.Entity<ApiRequestRecord>(e =>
        {
            e.ToTable("ApiRequests");
            e.HasKey(r => r.Id);
            e.Property(r => r.OperationName).HasMaxLength(100);
            e.Property(r => r.Error).HasMaxLength(500);
            e.HasIndex(r => new { r.ClientId, r.Id });
        });
    }
}
