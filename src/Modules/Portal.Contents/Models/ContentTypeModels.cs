using Microsoft.Extensions.Primitives;
using Portal.Contents.Services;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;
using Portal.Core.Content.Fields;
using Portal.Core.Content.Parts;

namespace Portal.Contents.Models;

public sealed record TypeCreateModel(TypeInput Form, IReadOnlyList<IContentPartKind> PartKinds, IReadOnlyList<ContentError> Errors);

public sealed record TypeEditModel(
    ContentTypeDefinition Type,
    TypeInput Form,
    FieldInput NewField,
    IReadOnlyList<ContentPartFieldDefinition> Fields,
    IReadOnlyList<IContentFieldKind> FieldKinds,
    IReadOnlyList<IContentPartKind> PartKinds,
    IReadOnlyList<ContentPartDefinition> ReusableParts,
    IReadOnlyList<FieldFlag> Flags,
    IReadOnlyList<ContentError> Errors);

public sealed record FieldSettingsInput(string DisplayName, string? Editor, IReadOnlyDictionary<string, StringValues> Values, bool Sensitive = false);

public sealed record FieldEditModel(
    ContentTypeDefinition Type,
    ContentPartFieldDefinition Field,
    IContentFieldKind Kind,
    FieldSettingsInput Form,
    IReadOnlyList<ContentTypeDefinition> ContentTypes,
    IReadOnlyList<FieldFlag> Flags,
    IReadOnlyList<ContentError> Errors);

public sealed record FieldRemoveModel(ContentTypeDefinition Type, ContentPartFieldDefinition Field, int ItemCount);

public sealed record TypeDeleteModel(ContentTypeDefinition Type, int ItemCount, IReadOnlyList<ContentError> Errors);
