using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Portal.Testing;

/// <summary>
/// nginx in front of nodes, run with the repository's own site configuration (<c>deploy/nginx/portal.conf</c>): only
/// the node addresses, the two listening ports (loopback), the certificate (a self-signed one made here) and the log
/// path are put in. nginx is Debian's (<c>apt-get install nginx-light</c>, which the test script does).
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private NginxProxy(Process process, string folder, int httpPort, int httpsPort)
    {
        this.process = process;
        this.folder = folder;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        HttpsAddress = new Uri($"https://127.0.0.1:{httpsPort}/");
    }

    public Uri HttpAddress { get; }
    public Uri HttpsAddress { get; }

    /// <summary>nginx's access log in the configuration's own format (with upstream= and request_id=).</summary>
    public string[] AccessLog => File.Exists(Path.Combine(folder, "portal.access.log"))
        ? File.ReadAllLines(Path.Combine(folder, "portal.access.log"))
        : [];

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> nodes)
    {
        if (nodes.Count != 2) throw new ArgumentException("The configuration names two nodes.", nameof(nodes));
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (scripts/test.sh does).");
        var folder = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
        WriteCertificate(folder);
        var (httpPort, httpsPort) = (PortalNode.FreePort(), PortalNode.FreePort());
        var site = (await File.ReadAllTextAsync(Path.Combine(PortalNode.RepositoryRoot(), "deploy", "nginx", "portal.conf")))
            .Replace("server 127.0.0.1:5081", $"server {nodes[0].Authority}")
            .Replace("server 127.0.0.1:5082", $"server {nodes[1].Authority}")
            .Replace("listen 80;", $"listen 127.0.0.1:{httpPort};")
            .Replace("listen 443 ssl", $"listen 127.0.0.1:{httpsPort} ssl")
            .Replace("/etc/ssl/certs/portal.pem", Path.Combine(folder, "portal.pem"))
            .Replace("/etc/ssl/private/portal.key", Path.Combine(folder, "portal.key"))
            .Replace("/var/log/nginx", folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "portal.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            # The test's main file: everything in the temp folder, in the foreground.
            user root;
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                access_log off;
                include {{folder}}/portal.conf;
            }
            """);
        var start = new ProcessStartInfo(nginx, ["-c", Path.Combine(folder, "nginx.conf"), "-p", folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(process, folder, httpPort, httpsPort);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, httpsPort);
                return proxy;
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A client of the https side that trusts the test certificate, keeps cookies and follows no redirects.</summary>
    public HttpClient NewClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        {
            BaseAddress = HttpsAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static void WriteCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=portal.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "portal.pem"), certificate.ExportCertificatePem(), Encoding.ASCII);
        File.WriteAllText(Path.Combine(folder, "portal.key"), key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
    }
}
