using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;

namespace Portal.Core.Content.Parts;

/// <summary>
/// AutoroutePart: <c>{"Path": "stories/street-lamp"}</c>. An empty path is generated from the display text
/// (Chinese characters are kept, so a Chinese title gives a readable path; a title with no letters falls back to
/// the item id) and made unique with a number; a path the user typed that another item holds is refused.
/// </summary>
public sealed class AutoroutePartHandler(PortalDbContext db, IStringLocalizer<AutoroutePartHandler> T) : ContentHandler
{
    public const string PartName = "AutoroutePart";
    private const int MaxSlugLength = 80;

    // The path PreparingAsync has just made unique for an item: validating it again would repeat the same query.
    private (string ContentItemId, string Path)? generated;

    public override async Task PreparingAsync(ContentContext context)
    {
        generated = null;
        if (!HasPart(context)) return;
        var part = context.Item.Part(PartName);
        var typed = part["Path"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (!string.IsNullOrWhiteSpace(typed))
        {
            part["Path"] = NormalizePath(typed);
            return;
        }
        var pattern = context.Type.Parts.First(p => p.PartName == PartName).Settings["AutoroutePartSettings"]?["Pattern"]?.ToString();
        var slug = Slugify(context.Item.DisplayText);
        if (slug.Length == 0) slug = context.Item.ContentItemId;
        var path = string.IsNullOrWhiteSpace(pattern) ? slug : NormalizePath(pattern.Replace("{slug}", slug, StringComparison.OrdinalIgnoreCase));
        var unique = await UniqueAsync(path, context.Item.ContentItemId);
        part["Path"] = unique;
        part["Generated"] = true;
        generated = (context.Item.ContentItemId, unique);
    }

    public override async Task ValidatingAsync(ContentContext context)
    {
        if (!HasPart(context)) return;
        var path = PathOf(context);
        if (path.Length > 1024)
        {
            context.Errors.Add($"{PartName}.Path", T["The permalink must be at most 1024 characters."]);
            return;
        }
        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            context.Errors.Add($"{PartName}.Path", T["The permalink '{0}' is not a valid path.", path]);
            return;
        }
        if (generated == (context.Item.ContentItemId, path)) return;
        if (await PerModel<Queries>.For(db).Taken(db, path, context.Item.ContentItemId))
            context.Errors.Add($"{PartName}.Path", T["The permalink '{0}' is already used by another item.", path]);
    }

    // A new item holds no permalink yet (a removed item's was deleted with it).
    public override async Task CreatedAsync(ContentContext context)
    {
        if (HasPart(context))
            await RowInserter<AutorouteRecord>.For(db).InsertAsync(db, [new AutorouteRecord { Path = PathOf(context), ContentItemId = context.Item.ContentItemId }]);
    }

    public override Task UpdatedAsync(ContentContext context) => StoreAsync(context);

    public override async Task RemovedAsync(ContentContext context) =>
        await db.Set<AutorouteRecord>().Where(r => r.ContentItemId == context.Item.ContentItemId).ExecuteDeleteAsync();

    private async Task StoreAsync(ContentContext context)
    {
        if (!HasPart(context)) return;
        var path = PathOf(context);
        var set = db.Set<AutorouteRecord>();
        var existing = await set.FirstOrDefaultAsync(r => r.ContentItemId == context.Item.ContentItemId);
        if (existing?.Path == path) return;
        if (existing is not null) set.Remove(existing);
        await db.SaveChangesAsync();
        set.Add(new AutorouteRecord { Path = path, ContentItemId = context.Item.ContentItemId });
        await db.SaveChangesAsync();
    }

    private static bool HasPart(ContentContext context) => context.Type.Parts.Any(p => p.PartName == PartName);

    private static string PathOf(ContentContext context) => context.Item.Content[PartName]?["Path"]?.ToString() ?? "";

    private async Task<string> UniqueAsync(string path, string contentItemId)
    {
        var candidate = path;
        for (var n = 2; ; n++)
        {
            if (!await PerModel<Queries>.For(db).Taken(db, candidate, contentItemId)) return candidate;
            candidate = $"{path}-{n}";
        }
    }

    /// <summary>Whether another item holds a path: asked for every save of a routed item, so compiled once.</summary>
    private sealed class Queries
    {
        public readonly Func<PortalDbContext, string, string, Task<bool>> Taken = EF.CompileAsyncQuery(
            (PortalDbContext db, string path, string contentItemId) =>
                db.Set<AutorouteRecord>().Any(r => r.Path == path && r.ContentItemId != contentItemId));
    }

    public static string NormalizePath(string path) =>
        string.Join('/', path.Trim().Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    /// <summary>Lower-cased letters and digits of any script, runs of anything else as one hyphen.</summary>
    public static string Slugify(string text)
    {
        var builder = new StringBuilder();
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0) builder.Append('-');
                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
            if (builder.Length >= MaxSlugLength) break;
        }
        return builder.ToString().Trim('-');
    }
}
