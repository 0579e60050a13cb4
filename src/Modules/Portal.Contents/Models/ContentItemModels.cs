using Microsoft.AspNetCore.Html;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Contents.Models;

public sealed record ContentListModel(
    IReadOnlyList<ContentItem> Items,
    int TotalCount,
    int Page,
    int PageSize,
    string? Type,
    string Status,
    string? Text,
    IReadOnlyList<ContentTypeDefinition> ListableTypes,
    IReadOnlyList<ContentTypeDefinition> CreatableTypes)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public sealed record ItemEditModel(
    ContentTypeDefinition Type,
    ContentItem Item,
    bool IsNew,
    IHtmlContent Editors,
    IReadOnlyList<ContentError> Errors,
    bool CanPublish,
    bool HasPublishedVersion,
    IReadOnlyList<ContentError> PublishRefusals,
    bool Versionable);

public sealed record ItemDeleteModel(ContentTypeDefinition Type, ContentItem Item);
