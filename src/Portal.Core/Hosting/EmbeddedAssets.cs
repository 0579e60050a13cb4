using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Portal.Core.Hosting;

/// <summary>
/// A theme's or module's CSS, scripts and images embedded in its assembly under <c>{prefix}</c>, served at
/// <c>{urlBase}/{file}</c>. URLs carry the content's hash (<c>?v=</c>): a request naming the current hash is
/// cached for a year as immutable, so a changed file reaches browsers at once and an unchanged one is never re-fetched.
/// </summary>
public abstract class EmbeddedAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly FrozenDictionary<string, Asset> assets;
    private readonly string urlBase;

    protected EmbeddedAssets(Assembly assembly, string resourcePrefix, string urlBase)
    {
        this.urlBase = urlBase.TrimEnd('/');
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[resourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                var type = ContentTypes.TryGetContentType(n, out var t) ? t : "application/octet-stream";
                if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal)) type += "; charset=utf-8";
                var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
                return new Asset(bytes, type, new EntityTagHeaderValue($"\"{hash}\""), hash);
            });
    }

    public Asset? Find(string file) => assets.GetValueOrDefault(file);

    /// <summary>The asset's URL with its content hash.</summary>
    public string Url(string file) => $"{urlBase}/{file}?v={Find(file)?.Version}";

    /// <summary>Maps <c>GET {urlBase}/{file}</c> for <typeparamref name="TAssets"/>.</summary>
    public static void Map<TAssets>(IEndpointRouteBuilder endpoints, string urlBase) where TAssets : EmbeddedAssets =>
        endpoints.MapGet(urlBase.TrimEnd('/') + "/{file}", (string file, string? v, TAssets assets, HttpContext http) =>
        {
            if (assets.Find(file) is not { } asset) return Results.NotFound();
            http.Response.Headers.CacheControl = v == asset.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
        }).AllowAnonymous();

    public sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag, string Version);
}
