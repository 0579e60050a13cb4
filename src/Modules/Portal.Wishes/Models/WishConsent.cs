using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Portal.Core.Content;
using Portal.Wishes.Handlers;

namespace Portal.Wishes.Models;

public enum ConsentPurpose { PublishWish, PublishStory, PublishPhotos }

/// <summary>
/// No consent, no publication: the one rule, read from the wish's consent fields. A child's wish needs a
/// guardian's consent as well. Every publication (the wish, a story about it, its photos) asks here.
/// </summary>
public static class WishConsentRules
{
    /// <summary>Why the wish's data may not be published for <paramref name="purpose"/>, or null when it may.</summary>
    public static string? Refusal(JsonObject? wishPart, ConsentPurpose purpose, string wishTitle, IStringLocalizer T)
    {
        if (Flag(wishPart, WishFields.Minor) && !Flag(wishPart, WishFields.GuardianConsent))
            return T["'{0}' is a child's wish and no guardian's consent is recorded; it cannot be published.", wishTitle].Value;
        var (field, message) = purpose switch
        {
            ConsentPurpose.PublishWish => (WishFields.PublishConsent, T["The resident has not consented to publishing the wish '{0}'. Record the consent on the wish first.", wishTitle]),
            ConsentPurpose.PublishStory => (WishFields.StoryConsent, T["The resident of the wish '{0}' has not consented to a story about it.", wishTitle]),
            _ => (WishFields.PhotoConsent, T["The resident of the wish '{0}' has not consented to publishing photos.", wishTitle]),
        };
        return Flag(wishPart, field) ? null : message.Value;
    }

    /// <summary>
    /// What a resident who submits a wish themself must agree to, since no member of staff asked them: publishing the
    /// wish under its alias and, for a child, a guardian's consent. Each error names the consent field.
    /// </summary>
    public static IEnumerable<(string Path, string Message)> IntakeErrors(JsonObject? wishPart, IStringLocalizer T)
    {
        if (!Flag(wishPart, WishFields.PublishConsent))
            yield return ($"{WishFields.Type}.{WishFields.PublishConsent}", T["Agree to the wish being published under its public name, or it cannot be submitted."].Value);
        if (Flag(wishPart, WishFields.Minor) && !Flag(wishPart, WishFields.GuardianConsent))
            yield return ($"{WishFields.Type}.{WishFields.GuardianConsent}", T["A child's wish needs a parent's or guardian's consent."].Value);
    }

    private static bool Flag(JsonObject? part, string field) => JsonValues.Boolean(part?[field]?["Value"]) == true;
}
