using Portal.Core.Commands;
using Portal.Core.Hosting;
using Portal.Web;

PortalHost.PollConfigurationFiles();
// Command-line words (recipe import FILE, user create ...) are not host configuration.
var builder = WebApplication.CreateBuilder(CommandRunner.IsCommand(args) ? [] : args);
builder.AddPortal(PortalModules.All);

var app = builder.Build();
if (await app.RunPortalCommandAsync(args) is { } exitCode)
    return exitCode;

await app.UsePortalAsync();
await app.RunAsync();
return 0;

public partial class Program;
