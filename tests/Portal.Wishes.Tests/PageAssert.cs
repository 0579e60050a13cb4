using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Wishes.Tests;

/// <summary>What every staff and volunteer page must get right.</summary>
public static class PageAssert
{
    /// <summary>A browser posts a form with the token inside it (regression: forms with an explicit action had none).</summary>
    public static void EveryFormCarriesItsToken(string html)
    {
        var forms = Regex.Matches(html, "<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline);
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.Contains("__RequestVerificationToken", f.Value));
    }

    /// <summary>Pages answer a refusal with the access-denied page (APIs answer 403).</summary>
    public static void Denied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/access-denied", response.Headers.Location!.ToString());
    }
}
