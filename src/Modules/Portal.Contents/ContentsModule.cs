using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Contents;

/// <summary>Content types, parts and fields in the admin, and the content items built from them.</summary>
public sealed class ContentsModule : PortalModule
{
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "Create and change content types", "Content");
    public static readonly Permission EditContent = new("EditContent", "Create and edit content items", "Content");
    public static readonly Permission PublishContent = new("PublishContent", "Publish, unpublish and delete content items", "Content");

    public override string Name => "Portal.Contents";
    public override string Description => "Content types, parts and fields, and the items built from them.";

    public override IEnumerable<Permission> Permissions => [ManageContentTypes, EditContent, PublishContent];
}
