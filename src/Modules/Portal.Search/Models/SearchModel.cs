using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Search.Models;

/// <summary>
/// The index's one row of state: the generation queries read, and the one a rebuild is filling. Documents
/// themselves are written with SQL (the full-text columns are provider-specific), see <c>SearchStore</c>.
/// </summary>
public sealed class SearchStateRecord
{
    public int Id { get; set; }
    public int ActiveGeneration { get; set; }
    public int? BuildingGeneration { get; set; }
    public int RebuildTotal { get; set; }
    public int RebuildDone { get; set; }
    public DateTime? RebuildStartedUtc { get; set; }
    public DateTime? RebuildUpdatedUtc { get; set; }
    public DateTime? LastRebuildUtc { get; set; }

    /// <summary>The <see cref="Analysis.TextAnalyzer.Version"/> the live generation was built with; another one is rebuilt at start-up.</summary>
    public int IndexVersion { get; set; }
}

internal sealed class SearchModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider) =>
        modelBuilder.Entity<SearchStateRecord>(e =>
        {
            e.ToTable("SearchState");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
        });
}
