using Portal.Core.Data;

namespace Portal.Benchmarks;

public sealed record BenchOptions
{
    public int Items { get; init; } = 100_000;

    /// <summary>How many of the items are created through the content manager (and timed); the rest are bulk-loaded first.</summary>
    public int? EngineItems { get; init; }

    public int TimedItems => Math.Min(EngineItems ?? Items, Items);
    public IReadOnlyList<DatabaseProvider> Providers { get; init; } = [DatabaseProvider.Sqlite];
    public int Iterations { get; init; } = 2000;
    public int IdleSeconds { get; init; } = 10;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES") is { Length: > 0 } s
            ? s
            : "Host=127.0.0.1;Port=55436;Database=postgres;Username=portal;Password=portal";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--items" => options with { Items = int.Parse(value) },
                "--engine-items" => options with { EngineItems = int.Parse(value) },
                "--iterations" => options with { Iterations = int.Parse(value) },
                "--idle-seconds" => options with { IdleSeconds = int.Parse(value) },
                "--provider" => options with
                {
                    Providers = value switch
                    {
                        "sqlite" => [DatabaseProvider.Sqlite],
                        "postgres" => [DatabaseProvider.Postgres],
                        "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
                        _ => throw new ArgumentException($"Unknown provider '{value}': sqlite, postgres or both."),
                    },
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
            i++;
        }
        return options;
    }

    /// <summary>The repository root, found from the running binary (bench/Portal.Benchmarks/bin/...).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
