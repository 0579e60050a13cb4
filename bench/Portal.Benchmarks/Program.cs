using BenchmarkDotNet.Running;
using Portal.Benchmarks;

// content: the content engine against hand-written SQL on a fresh database.
// workflows: resuming one correlated instance among many halted ones, and workflow starts per second.
// search:  full-text indexing and queries against a LIKE scan.
// wishes:  claims over HTTP under 200 concurrent requests; the staff work queue and dashboard at 100,000 wishes.
// news:    a story page from the output cache against the same bytes from memory, with wrk.

// graphql: a partner's query over HTTP against a hand-written endpoint with the same answer; parser MB/s is in micro.
// memory:  the idle resident memory of the Portal.Web host.
// micro:   BenchmarkDotNet micro-benchmarks (arguments after "micro" go to BenchmarkDotNet).
var mode = args.FirstOrDefault() ?? "help";
switch (mode)
{
    case "content":
        return await ContentBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
    case "workflows":
        return await WorkflowBenchmark.RunAsync(BenchOptions.Parse(args[1..]) is var o && !args.Contains("--items") ? o with { Items = 10_000 } : o);
    case "search":
        return await SearchBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
    case "wishes":
        return await WishBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
    case "news":
        return await NewsBenchmark.RunAsync(BenchOptions.Parse(args[1..]) is var n && !args.Contains("--items") ? n with { Items = 0 } : n);

    case "graphql":
        return await GraphQLBenchmark.RunAsync(BenchOptions.Parse(args[1..]) is var g && !args.Contains("--iterations") ? g with { Iterations = 500 } : g);
    case "memory":
        return await MemoryBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(ContentBenchmark).Assembly).Run(args[1..]);
        return 0;
    default:
        Console.WriteLine("""
            Usage: dotnet run -c Release --project bench/Portal.Benchmarks -- <mode> [options]
              content [--items 100000] [--provider sqlite|postgres|both] [--iterations 2000]
              workflows [--items 10000] [--provider sqlite|postgres|both] [--iterations 1000]
              search  [--items 100000] [--provider sqlite|postgres|both] [--iterations 2000]
              wishes  [--items 100000] [--provider sqlite|postgres|both] [--iterations 200]
              news    [--iterations 2000] (wrk runs of iterations/200 seconds each)

              graphql [--provider sqlite|postgres|both] [--iterations 500]
              memory  [--idle-seconds 10]
              micro   [BenchmarkDotNet arguments, e.g. --filter *]
            PostgreSQL server: PORTAL_BENCH_POSTGRES (default Host=127.0.0.1;Port=55436;Database=postgres;Username=portal;Password=portal)
            """);
        return mode is "help" or "--help" or "-h" ? 0 : 2;
}
