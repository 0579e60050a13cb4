using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Core.Data;

namespace Portal.Core.Cluster;

/// <summary>
/// Holds one connection that LISTENs for other nodes' change signals and raises them here. When the connection
/// drops it reconnects with back-off; until then <see cref="ChangeSignals.Live"/> is false and caches ask the database.
/// </summary>
internal sealed class PostgresSignalListener(PortalDatabaseSettings database, ChangeSignals signals, ILogger<PostgresSignalListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres) return;
        // Its own connection, outside the pool; keep-alives notice a server that vanished without closing the socket.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 5 }.ToString();
        var backOff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => signals.Raise(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeSignals.PostgresChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                signals.Connected();
                backOff = TimeSpan.FromMilliseconds(250);
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                signals.Disconnected();
                logger.LogWarning("Change signals from other nodes are not arriving ({Reason}); reconnecting in {Delay}", e.Message, backOff);
                await Task.Delay(backOff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backOff = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, backOff.Ticks * 2));
            }
        }
        signals.Disconnected();
    }
}
