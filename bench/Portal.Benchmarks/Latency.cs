using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>Latency samples in milliseconds, with percentiles.</summary>
public sealed class Samples
{
    private readonly List<double> values = [];

    public void Add(long startTimestamp) => values.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public int Count => values.Count;

    public double Percentile(double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>One query measured through the engine and as hand-written SQL, alternately, so both see the same caches.</summary>
public sealed record Measurement(string Name, Samples Engine, Samples Baseline, double? TargetMs)
{
    public double Ratio => Engine.Percentile(50) / Baseline.Percentile(50);
    public bool? Pass => TargetMs is { } t ? Engine.Percentile(50) < t : null;

    public static async Task<Measurement> RunAsync(string name, double? targetMs, int iterations,
        Func<int, Task> engine, Func<int, Task> baseline)
    {
        var warmUp = Math.Max(20, iterations / 10);
        for (var i = 0; i < warmUp; i++)
        {
            await engine(i);
            await baseline(i);
        }
        var engineSamples = new Samples();
        var baselineSamples = new Samples();
        // Slow queries stop after a time budget rather than a fixed count, with at least 50 samples each.
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < iterations && (i < 50 || budget.Elapsed < TimeSpan.FromSeconds(30)); i++)
        {
            var start = Stopwatch.GetTimestamp();
            await engine(warmUp + i);
            engineSamples.Add(start);
            start = Stopwatch.GetTimestamp();
            await baseline(warmUp + i);
            baselineSamples.Add(start);
        }
        return new Measurement(name, engineSamples, baselineSamples, targetMs);
    }
}
