using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Portal.Core.Content;
using Portal.Core.Settings;
using Portal.Theme.News.Services;

namespace Portal.Theme.News;

/// <summary>What machines read: the Atom feed of stories, the sitemap and robots.txt (output-cached like the pages).</summary>
public static class FeedEndpoints
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed.atom", FeedAsync).CacheOutput(PublicCache.Policy).AllowAnonymous();
        endpoints.MapGet("/sitemap.xml", SitemapAsync).CacheOutput(PublicCache.Policy).AllowAnonymous();
        endpoints.MapGet("/robots.txt", (HttpRequest request) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nDisallow: /preview\nDisallow: /login\nSitemap: {PageMeta.Absolute(request, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8")).CacheOutput(PublicCache.Policy).AllowAnonymous();
    }

    private static async Task<IResult> FeedAsync(HttpRequest request, PublicContent site, SiteSettingsStore settings)
    {
        var stories = (await site.StoriesAsync(0, 20, countTotal: false)).Items;
        var siteName = await settings.SiteNameAsync();
        var xml = Write(writer =>
        {
            writer.WriteStartElement("feed", Atom);
            writer.WriteAttributeString("xml", "lang", null, "zh-CN");
            writer.WriteElementString("title", Atom, siteName);
            writer.WriteElementString("id", Atom, PageMeta.Absolute(request, "/"));
            writer.WriteElementString("updated", Atom, Stamp(stories.FirstOrDefault()?.PublishedUtc ?? DateTime.UnixEpoch));
            Link(writer, PageMeta.Absolute(request, "/feed.atom"), "self");
            Link(writer, PageMeta.Absolute(request, "/"), "alternate");
            foreach (var story in stories)
            {
                var url = PageMeta.Absolute(request, story.PublicPath() ?? "/");
                writer.WriteStartElement("entry", Atom);
                writer.WriteElementString("title", Atom, story.DisplayText);
                writer.WriteElementString("id", Atom, url);
                Link(writer, url, "alternate");
                writer.WriteElementString("published", Atom, Stamp(story.PublishedUtc ?? story.CreatedUtc ?? DateTime.UnixEpoch));
                writer.WriteElementString("updated", Atom, Stamp(story.ModifiedUtc ?? story.PublishedUtc ?? DateTime.UnixEpoch));
                writer.WriteStartElement("author", Atom);
                writer.WriteElementString("name", Atom, story.Text("Story", "Reporter") is { Length: > 0 } reporter ? reporter : siteName);
                writer.WriteEndElement();
                if (story.Text("Story", "Subtitle") is { Length: > 0 } subtitle) writer.WriteElementString("summary", Atom, subtitle);
                writer.WriteStartElement("content", Atom);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(story.BodyHtml()); // escaped by the writer; the body is sanitized on save
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
        return Results.Text(xml, "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(HttpRequest request, PublicContent site)
    {
        var pages = await site.PermalinksAsync();
        var xml = Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNs);
            foreach (var path in new[] { "/", "/stories", "/campaigns", "/wishes", "/about" })
                Url(writer, PageMeta.Absolute(request, path), null);
            foreach (var (path, modified) in pages)
                Url(writer, PageMeta.Absolute(request, "/" + path), modified);
            writer.WriteEndElement();
        });
        return Results.Text(xml, "application/xml; charset=utf-8");
    }

    private static void Url(XmlWriter writer, string location, DateTime? modified)
    {
        writer.WriteStartElement("url", SitemapNs);
        writer.WriteElementString("loc", SitemapNs, location);
        if (modified is { } m) writer.WriteElementString("lastmod", SitemapNs, m.ToString("yyyy-MM-dd"));
        writer.WriteEndElement();
    }

    private static void Link(XmlWriter writer, string href, string rel)
    {
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ");

    private static string Write(Action<XmlWriter> body)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        // StringBuilder output declares utf-16; the response is UTF-8.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }
}
