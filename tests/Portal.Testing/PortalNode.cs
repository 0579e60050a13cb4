using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Testing;

/// <summary>
/// A real Portal.Web process (<c>dotnet src/Portal.Web/bin/{Configuration}/net10.0/Portal.Web.dll</c>) on a free
/// loopback port, against <see cref="TestDatabase"/>. Each node has its own data folder and home folder, so nothing
/// but the database and the configured media folder is shared. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PortalNode(Process process, Uri baseAddress, string folder)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Folder = folder;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>The node's own folder (data path and HOME).</summary>
    public string Folder { get; }

    /// <summary>What the process wrote to its console so far (for failure messages).</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Starts a node and waits until /health answers 200 (at most three minutes: a loaded machine starts slowly).</summary>
    public static async Task<PortalNode> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, string? name = null)
    {
        var node = Launch(database, settings, name);
        await node.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        return node;
    }

    /// <summary>Starts a node without waiting for it: for a test that stops it in the middle of its start-up.</summary>
    public static PortalNode Launch(TestDatabase database, IDictionary<string, string?>? settings = null, string? name = null)
    {
        var folder = Path.Combine(database.DataPath, "node-" + (name ?? Guid.NewGuid().ToString("N")[..6]));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var dll = WebAssemblyPath();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["HOME"] = folder;
        start.Environment["Portal__DataPath"] = folder;
        start.Environment["Portal__Database__Provider"] = database.Provider.ToString();
        start.Environment["Portal__Database__ConnectionString"] = database.ConnectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            start.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var node = new PortalNode(process, new Uri($"http://127.0.0.1:{port}/"), folder);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>A client that keeps its cookies (or shares <paramref name="cookies"/>) and does not follow redirects.</summary>
    public HttpClient NewClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(3),
        };

    /// <summary>SIGKILL: the process ends at once, mid-request, with no shutdown code.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task WaitHealthyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The node exited with {process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (watch.Elapsed > within)
                throw new TimeoutException($"The node at {BaseAddress} was not healthy within {within.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first, so the node stops cleanly (and releases its leases); SIGKILL if it lingers.
            Posix.Terminate(process.Id);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Portal.Web/bin/{the configuration these tests were built in}/net10.0/Portal.Web.dll, found from the repository root.</summary>
    private static string WebAssemblyPath()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "Portal.Web", "bin", configuration, "net10.0", "Portal.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration} first.");
    }

    /// <summary>The checkout these tests were built in: the folder above them that holds Portal.sln.</summary>
    internal static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        public static void Terminate(int pid) => Kill(pid, 15);
    }
}
