using Portal.Testing;

namespace Portal.Wishes.Tests;

/// <summary>The personal-data and consent fields of the Wish type as the recipe defines them, for test definitions.</summary>
public static class WishPrivacy
{
    public static DefinitionBuilder WishPrivacyFields(this DefinitionBuilder builder) => builder
        .Field("Alias", "TextField")
        .Field("WisherName", "TextField")
        .Field("Phone", "TextField")
        .Field("Address", "TextField")
        .Field("IdNumber", "TextField")
        .Field("HealthNotes", "TextField")
        .Field("PublishConsent", "BooleanField")
        .Field("StoryConsent", "BooleanField")
        .Field("PhotoConsent", "BooleanField")
        .Field("Minor", "BooleanField")
        .Field("GuardianConsent", "BooleanField")
        .Sensitive("WisherName", "Phone", "Address", "IdNumber", "HealthNotes");

    public static DefinitionBuilder StoryType() => new DefinitionBuilder("Story").Parts("TitlePart")
        .Field("RelatedWishes", "ContentPickerField", new System.Text.Json.Nodes.JsonObject { ["Multiple"] = true })
        .Field("Hero", "MediaField", new System.Text.Json.Nodes.JsonObject { ["Multiple"] = true });
}
