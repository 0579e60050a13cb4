using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Commands;
using Portal.Users.Services;

namespace Portal.Users.Commands;

/// <summary><c>user create --name N --email E --password P [--role R ...]</c></summary>
internal sealed class CreateUserCommand : IPortalCommand
{
    public string Name => "user create";
    public string Usage => "user create --name N --email E --password P [--role R ...]";
    public string Description => "Creates a user, optionally in roles.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
        {
            var key = arguments[i];
            if (key is not ("--name" or "--email" or "--password" or "--role") || i + 1 >= arguments.Count)
                return BadUsage(error, i + 1 >= arguments.Count && key.StartsWith("--") ? $"{key} needs a value." : $"Unexpected argument '{key}'.");
            (options.TryGetValue(key, out var values) ? values : options[key] = []).Add(arguments[i + 1]);
        }
        foreach (var required in new[] { "--name", "--email", "--password" })
        {
            if (!options.TryGetValue(required, out var values) || values.Count != 1)
                return BadUsage(error, $"Give {required} exactly once.");
        }

        var user = new NewUser(options["--name"][0], options["--email"][0], options["--password"][0], options.GetValueOrDefault("--role") ?? []);
        var (created, errors) = await services.GetRequiredService<UserService>().CreateAsync(user);
        if (created is null)
        {
            error.WriteLine($"User '{user.UserName}' was not created:");
            foreach (var e in errors) error.WriteLine($"  {e.Field}: {e.Message}");
            return 1;
        }
        output.WriteLine($"Created user '{created.UserName}' ({created.Id}){(user.Roles.Count > 0 ? " in " + string.Join(", ", user.Roles) : "")}.");
        return 0;
    }

    private int BadUsage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine($"Usage: {Usage}");
        return 2;
    }
}

/// <summary><c>user list</c>: name, email, roles and whether the user may sign in.</summary>
internal sealed class ListUsersCommand : IPortalCommand
{
    public string Name => "user list";
    public string Usage => "user list";
    public string Description => "Lists users with their email and roles.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (arguments.Count > 0)
        {
            error.WriteLine($"Unexpected argument '{arguments[0]}'.\nUsage: {Usage}");
            return 2;
        }
        foreach (var (user, roles) in await services.GetRequiredService<UserService>().ListAsync())
            output.WriteLine($"{user.UserName}\t{user.Email}\t{string.Join(",", roles)}{(user.IsEnabled ? "" : "\tdisabled")}");
        return 0;
    }
}

/// <summary><c>user disable NAME</c> / <c>user enable NAME</c>: a disabled user cannot sign in and loses their sessions.</summary>
internal sealed class SetUserEnabledCommand(bool enable) : IPortalCommand
{
    public string Name => enable ? "user enable" : "user disable";
    public string Usage => $"{Name} NAME";
    public string Description => enable ? "Lets a disabled or locked-out user sign in again." : "Stops a user from signing in and ends their sessions.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (arguments.Count != 1 || arguments[0].StartsWith('-'))
        {
            error.WriteLine($"Give one user name.\nUsage: {Usage}");
            return 2;
        }
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Models.PortalUser>>();
        if (await users.FindByNameAsync(arguments[0]) is not { } user)
        {
            error.WriteLine($"There is no user named '{arguments[0]}'.");
            return 1;
        }
        var errors = await services.GetRequiredService<UserService>().SetEnabledAsync(user, enable);
        if (errors.Count > 0)
        {
            foreach (var e in errors) error.WriteLine(e.Message);
            return 1;
        }
        output.WriteLine($"User '{user.UserName}' is {(enable ? "enabled" : "disabled")}.");
        return 0;
    }
}
