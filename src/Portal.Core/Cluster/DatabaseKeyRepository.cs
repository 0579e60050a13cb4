using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

/// <summary>One data-protection key (its XML element as ASP.NET Core writes it).</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>
/// Keeps the data-protection key ring in the portal database, so every node protects and reads cookies and
/// antiforgery tokens with the same keys. The repository is a singleton; each call takes its own scope.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return db.Set<DataProtectionKeyRecord>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    /// <summary>Held while a key is added (PostgreSQL advisory lock), so nodes add keys one at a time.</summary>
    internal const long KeyRingLock = 0x706B6579;

    /// <summary>
    /// Nodes that start together each find no key and make one; kept, each node would protect with a key the other may
    /// not have read yet. So, one node at a time, a key already covered by a stored one is dropped: the key manager
    /// reads the ring again after making a key and then uses the stored one.
    /// </summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        using var transaction = db.Database.BeginTransaction();
        if (db.Provider == DatabaseProvider.Postgres)
            db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({KeyRingLock})");
        var stored = db.Set<DataProtectionKeyRecord>().AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
        if (KeyRingCover.Covers(stored, element)) return;
        db.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
        transaction.Commit();
    }
}

/// <summary>Reads the key ring's XML (ASP.NET Core's format: <c>key</c> and <c>revocation</c> elements).</summary>
internal static class KeyRingCover
{
    /// <summary>
    /// The new key is needless when a stored, unrevoked key is active at its activation (give or take the key manager's
    /// five minutes of clock skew: the other node may have made its key a moment later) and for two days after.
    /// </summary>
    public static bool Covers(IReadOnlyList<XElement> stored, XElement candidate)
    {
        if (candidate.Name != "key" || Date(candidate, "activationDate") is not { } activation) return false;
        return stored.Where(e => e.Name == "key" && !Revoked(stored, e)).Any(key =>
            Date(key, "activationDate") <= activation.AddMinutes(5) && Date(key, "expirationDate") > activation.AddDays(2));
    }

    private static bool Revoked(IReadOnlyList<XElement> stored, XElement key) =>
        stored.Where(e => e.Name == "revocation").Any(r => r.Element("key")?.Attribute("id")?.Value is { } id
            && (id == key.Attribute("id")?.Value || (id == "*" && Date(r, "revocationDate") >= Date(key, "creationDate"))));

    private static DateTimeOffset? Date(XElement element, string name) =>
        DateTimeOffset.TryParse(element.Element(name)?.Value, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var date) ? date : null;
}
