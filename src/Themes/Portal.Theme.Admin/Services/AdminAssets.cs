using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Portal.Theme.Admin.Services;

/// <summary>The admin's own CSS and scripts, embedded in the assembly (Assets/).</summary>
public sealed class AdminAssets
{
    private readonly FrozenDictionary<string, Asset> assets;

    public AdminAssets()
    {
        var assembly = typeof(AdminAssets).Assembly;
        const string prefix = "Portal.Theme.Admin.Assets.";
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                var type = n.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
                var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16];
                return new Asset(bytes, type, new EntityTagHeaderValue($"\"{hash}\""), hash);
            });
    }

    public Asset? Find(string file) => assets.GetValueOrDefault(file);

    /// <summary>The asset's URL with a version, so browsers fetch a changed file at once.</summary>
    public string Url(string file) => $"/admin/assets/{file}?v={Find(file)?.Version}";

    public sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag, string Version);
}
