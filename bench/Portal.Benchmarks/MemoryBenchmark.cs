using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Benchmarks;

/// <summary>
/// Starts the Portal.Web host (Release build) on a fresh data folder, waits for /health, lets it idle and reads its
/// resident memory (VmRSS) from /proc.
/// </summary>
public static class MemoryBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var root = BenchOptions.RepositoryRoot();
        var project = Path.Combine(root, "src", "Portal.Web", "Portal.Web.csproj");
        var output = Path.Combine(Path.GetTempPath(), "portal-bench-web");
        Console.WriteLine("Building Portal.Web (Release)...");
        if (await RunAsync("dotnet", ["build", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"]) != 0) return 1;

        var dataPath = Path.Combine(Path.GetTempPath(), "portal-bench", "memory-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataPath);
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(output, "Portal.Web")) { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Portal__DataPath"] = dataPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Portal.Web did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("   web: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = Stopwatch.StartNew();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"Portal.Web exited with code {process.ExitCode}.");
                if (ready.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("/health did not answer within 60 s.");
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(200);
            }
            Console.WriteLine($"/health answered after {ready.Elapsed.TotalSeconds:F1} s; idling {options.IdleSeconds} s");
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
            var rss = ReadStatus(process.Id, "VmRSS");
            var hwm = ReadStatus(process.Id, "VmHWM");
            var mb = rss / 1024.0;
            Console.WriteLine($"Idle memory of Portal.Web (pid {process.Id}): VmRSS {mb:F0} MB (peak {hwm / 1024.0:F0} MB); target < 250 MB: {(mb < 250 ? "pass" : "FAIL")}");
            return mb < 250 ? 0 : 1;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>A value in kB from /proc/&lt;pid&gt;/status, e.g. "VmRSS:  123456 kB".</summary>
    private static long ReadStatus(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)) ?? throw new InvalidOperationException($"{file} did not start.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
