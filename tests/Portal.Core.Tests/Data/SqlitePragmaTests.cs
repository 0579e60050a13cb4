using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

public class SqlitePragmaTests
{
    [Fact]
    public async Task Every_open_of_a_pooled_connection_keeps_the_portal_settings()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProvider.Sqlite);

        // Each scope opens the pooled native connection again; the pragmas are set on it only the first time.
        for (var i = 0; i < 3; i++)
        {
            var settings = await host.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PortalDbContext>();
                return (
                    ForeignKeys: await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync(),
                    Synchronous: await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(),
                    Journal: await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
            });
            Assert.Equal(1, settings.ForeignKeys);
            Assert.Equal(1, settings.Synchronous); // NORMAL
            Assert.Equal("wal", settings.Journal);
        }
    }
}
