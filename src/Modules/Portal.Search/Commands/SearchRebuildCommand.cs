using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Search.Services;

namespace Portal.Search.Commands;

/// <summary><c>search rebuild</c>: rebuilds the index in the foreground with progress; search stays online meanwhile.</summary>
internal sealed class SearchRebuildCommand : IPortalCommand
{
    public string Name => "search rebuild";
    public string Usage => "search rebuild";
    public string Description => "Rebuilds the search index from published content (search stays online).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (arguments.Count > 0)
        {
            error.WriteLine($"Unexpected argument '{arguments[0]}'.\nUsage: {Usage}");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        var total = 0;
        var started = await services.GetRequiredService<SearchRebuilder>().RunAsync(p =>
        {
            total = p.Total;
            output.WriteLine($"Indexed {p.Done}/{p.Total} ({p.Percent}%){(p.Remaining is { } left ? $", about {Math.Ceiling(left.TotalSeconds)} s left" : "")}");
        });
        if (!started)
        {
            error.WriteLine("A rebuild is already running; try again when it has finished.");
            return 1;
        }
        output.WriteLine($"Rebuilt the search index: {total} published items in {watch.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
