using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Commands;

/// <summary>
/// A command-line command: <c>dotnet run --project src/Portal.Web -- recipe import FILE</c>.
/// Modules register them; the host finds the one whose <see cref="Name"/> matches the leading words.
/// </summary>
public interface IPortalCommand
{
    /// <summary>One or two words, e.g. "recipe import".</summary>
    string Name { get; }
    string Usage { get; }
    string Description { get; }

    /// <summary>Returns the process exit code: 0 for success, 1 for a failure, 2 for bad usage.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error);
}

public static class CommandRunner
{
    /// <summary>True when the arguments name a command rather than host options such as <c>--urls</c>.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var commands = services.GetServices<IPortalCommand>().OrderBy(c => c.Name).ToList();
        if (args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(commands, output);
            return 0;
        }
        var command = commands
            .Where(c => Matches(c.Name, args))
            .OrderByDescending(c => c.Name.Split(' ').Length)
            .FirstOrDefault();
        if (command is null)
        {
            error.WriteLine($"Unknown command '{string.Join(' ', args.Take(2))}'.");
            PrintHelp(commands, error);
            return 2;
        }
        var rest = args.Skip(command.Name.Split(' ').Length).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            output.WriteLine($"Usage: {command.Usage}\n{command.Description}");
            return 0;
        }
        await using var scope = services.CreateAsyncScope();
        return await command.RunAsync(rest, scope.ServiceProvider, output, error);
    }

    private static bool Matches(string name, string[] args)
    {
        var words = name.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(x => x);
    }

    private static void PrintHelp(IEnumerable<IPortalCommand> commands, TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet run --project src/Portal.Web -- <command> [arguments]");
        writer.WriteLine("       dotnet run --project src/Portal.Web            (runs the portal)");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var command in commands)
            writer.WriteLine($"  {command.Usage,-48} {command.Description}");
    }
}
