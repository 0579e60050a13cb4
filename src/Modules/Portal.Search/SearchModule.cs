using Portal.Core.Modules;

namespace Portal.Search;

/// <summary>Chinese-aware full-text search over published content, in the database's own full-text engine.</summary>
public sealed class SearchModule : PortalModule
{
    public override string Name => "Portal.Search";
    public override IReadOnlyList<string> Dependencies => ["Portal.Contents"];
    public override string Description => "Full-text search for Chinese and English: FTS5 on SQLite, tsvector on PostgreSQL.";
}
