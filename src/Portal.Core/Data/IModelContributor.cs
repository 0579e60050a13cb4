using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

/// <summary>A module's tables: it maps its entities onto the one portal model.</summary>
public interface IModelContributor
{
    void Configure(ModelBuilder modelBuilder, DatabaseProvider provider);
}
