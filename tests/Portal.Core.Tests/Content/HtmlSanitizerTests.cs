using Portal.Core.Content.Parts;

namespace Portal.Core.Tests.Content;

public class HtmlSanitizerTests
{
    private readonly AllowListHtmlSanitizer sanitizer = new();

    [Theory]
    [InlineData("<script>alert(1)</script><p>ok</p>", "<p>ok</p>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "<p>x</p>")]
    [InlineData("<a href=\" jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"/stories/1\" onmouseover=\"x()\">x</a>", "<a href=\"/stories/1\">x</a>")]
    [InlineData("<svg><script>alert(1)</script></svg>text", "text")]
    [InlineData("<custom-el><b>bold</b></custom-el>", "<b>bold</b>")]
    [InlineData("<iframe src=\"https://evil\"></iframe><p>后</p>", "<p>后</p>")]
    [InlineData("<img src=\"data:text/html,<script>alert(1)</script>\">", "<img>")]
    [InlineData("<!-- hidden --><p>x</p>", "<p>x</p>")]
    public void Dangerous_markup_is_removed_and_safe_markup_kept(string input, string expected) =>
        Assert.Equal(expected, sanitizer.Sanitize(input));

    [Fact]
    public void Links_that_open_a_new_window_cannot_reach_back_to_the_opener() =>
        Assert.Equal("<a href=\"https://example.org\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>",
            sanitizer.Sanitize("<a href=\"https://example.org\" target=\"_blank\">x</a>"));
}
