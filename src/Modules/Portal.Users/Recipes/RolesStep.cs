using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Core.Recipes;
using Portal.Users.Services;

namespace Portal.Users.Recipes;

/// <summary>
/// <c>{ "name": "Roles", "Roles": [ { "Name", "Description", "Permissions": [ ... ] } ] }</c>: creates or updates
/// each role and grants it exactly the listed permissions. Every role is checked before any is saved.
/// </summary>
internal sealed class RolesStep(RoleService roles) : IRecipeStep
{
    public string Name => "Roles";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var definitions = Read(context);
        foreach (var error in definitions.SelectMany(roles.Validate))
            context.Error(error);
        if (context.Errors.Count > 0) return;
        foreach (var definition in definitions)
        {
            foreach (var error in await roles.SaveAsync(definition))
                context.Error(error);
        }
    }

    private static List<RoleDefinition> Read(RecipeStepContext context)
    {
        var result = new List<RoleDefinition>();
        if (context.Step["Roles"] is not JsonArray array)
        {
            context.Error("The Roles step needs a \"Roles\" array.");
            return result;
        }
        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            if (node is not JsonObject role || role["Name"]?.GetValueKind() != JsonValueKind.String)
            {
                context.Error($"Roles[{index}] needs a \"Name\" string.");
                continue;
            }
            var permissions = role["Permissions"] as JsonArray ?? [];
            if (permissions.Any(p => p?.GetValueKind() != JsonValueKind.String))
                context.Error($"Roles[{index}] \"Permissions\" must be a list of permission names.");
            result.Add(new RoleDefinition(
                role["Name"]!.GetValue<string>(),
                role["Description"]?.GetValueKind() == JsonValueKind.String ? role["Description"]!.GetValue<string>() : "",
                permissions.Where(p => p?.GetValueKind() == JsonValueKind.String).Select(p => p!.GetValue<string>()).ToList()));
        }
        return result;
    }
}

/// <summary>Exports every role in the <see cref="RolesStep"/> format.</summary>
internal sealed class RolesExportStep(RoleService roles) : IRecipeExportStep
{
    public string Name => "Roles";

    public async Task<JsonObject?> ExportAsync(RecipeExportRequest request)
    {
        if (!request.IncludeRoles) return null;
        var all = await roles.ListAsync();
        if (all.Count == 0) return null;
        return new JsonObject
        {
            ["name"] = Name,
            ["Roles"] = new JsonArray(all.Select(r => (JsonNode)new JsonObject
            {
                ["Name"] = r.Name,
                ["Description"] = r.Description,
                ["Permissions"] = new JsonArray(r.Permissions.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            }).ToArray()),
        };
    }
}
