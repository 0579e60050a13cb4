using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.E2E;

/// <summary>Checks several browser tests share: axe-core's serious and critical findings, and an XSS corpus that must never run.</summary>
public static class PageChecks
{
    private static readonly string AxeScript = File.ReadAllText(Path.Combine(Browser.RepositoryRoot(), "tests", "Portal.E2E", "node_modules", "axe-core", "axe.min.js"));

    /// <summary>Each marks <c>window.__xss</c> if it ever runs.</summary>
    public const string XssCorpus = """
        <p>正文段落</p><script>window.__xss = 1</script>
        <img src=x onerror="window.__xss = 2">
        <a href="javascript:window.__xss = 3">点我</a>
        <svg onload="window.__xss = 4"><circle r=1 /></svg>
        <iframe src="javascript:parent.__xss = 5"></iframe>
        <p style="background:url(javascript:window.__xss = 6)">样式</p>
        <details open ontoggle="window.__xss = 7">x</details>
        <a href="&#106;avascript:window.__xss = 8">编码</a>
        <math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 9"></style></mglyph></table></mtext></math>
        <form action="javascript:window.__xss = 10"><button>提交</button></form>
        """;

    /// <summary>Axe's serious and critical WCAG 2.1 A/AA violations on the page (the page must bypass the CSP to run axe).</summary>
    public static async Task<IReadOnlyList<string?>> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeScript });
        var json = await page.EvaluateAsync<JsonElement>(@"async () => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
            return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }");
        return json.EnumerateArray().Select(v => v.GetString()).ToList();
    }

    /// <summary>The corpus left nothing that runs in the story body, and nothing ran.</summary>
    public static async Task AssertNoXssRanAsync(IPage page, int dialogs)
    {
        Assert.Contains("正文段落", await page.InnerTextAsync(".body"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator(".body script, .body iframe, .body svg, .body form, .body [onerror], .body [onload], .body [ontoggle], .body [style]").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.body [href], .body [src]')].filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src'))).length"));
    }
}
