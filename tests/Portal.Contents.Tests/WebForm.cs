using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Contents.Tests;

/// <summary>A page as a browser sees it, and its forms filled in and sent the way a browser sends them.</summary>
public static class Browser
{
    public static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}\n{html[..Math.Min(html.Length, 2000)]}");
        return Parse(html);
    }

    public static async Task<IHtmlDocument> ReadPageAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Follows one redirect, as a browser would.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(HttpClient client, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect ? await client.GetAsync(response.Headers.Location) : response;

    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static WebForm Form(this IHtmlDocument page, string action)
    {
        var form = page.Forms.FirstOrDefault(f => f.GetAttribute("action") == action);
        Assert.True(form is not null, $"No form posts to {action}; forms: {string.Join(", ", page.Forms.Select(f => f.GetAttribute("action")))}");
        return new WebForm(form!);
    }

    /// <summary>The error shown next to the input or field with this id.</summary>
    public static string? ErrorNextTo(this IHtmlDocument page, string id) => page.GetElementById(id + "-error")?.TextContent.Trim();

    public static IReadOnlyList<string> Summary(this IHtmlDocument page) =>
        page.QuerySelectorAll("#error-summary li").Select(li => li.TextContent.Trim()).ToList();
}

public sealed class WebForm
{
    private readonly List<KeyValuePair<string, string>> fields = [];

    public WebForm(IHtmlFormElement form)
    {
        Action = form.GetAttribute("action")!;
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    if (input.Type is "submit" or "button" or "reset" or "file") break;
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    if (chosen.Count == 0 && !select.IsMultiple && select.Options.Length > 0) chosen.Add(select.Options[0]!);
                    foreach (var option in chosen) fields.Add(new(name, option.Value));
                    break;
            }
        }
    }

    public string Action { get; }

    public IReadOnlyList<string> Values(string name) => fields.Where(f => f.Key == name).Select(f => f.Value).ToList();

    /// <summary>Replaces every value of <paramref name="name"/>, as typing into an input or choosing in a select does.</summary>
    public WebForm Set(string name, params string[] values)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    public WebForm Check(string name, string value = "true")
    {
        if (!fields.Contains(new(name, value))) fields.Add(new(name, value));
        return this;
    }

    public WebForm Uncheck(string name, string value = "true")
    {
        fields.Remove(new(name, value));
        return this;
    }

    public WebForm Without(string name)
    {
        fields.RemoveAll(f => f.Key == name);
        return this;
    }

    /// <summary>Sends the form, as if the button with this name and value was pressed.</summary>
    public Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? buttonName = null, string? buttonValue = null)
    {
        var sent = fields.ToList();
        if (buttonName is not null) sent.Add(new(buttonName, buttonValue ?? ""));
        return client.PostAsync(Action, new FormUrlEncodedContent(sent));
    }
}
