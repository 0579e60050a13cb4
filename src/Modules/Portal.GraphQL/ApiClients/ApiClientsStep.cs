using System.Text.Json.Nodes;
using Portal.Core.Recipes;

namespace Portal.GraphQL.ApiClients;

/// <summary>
/// <c>{ "name": "ApiClients", "Clients": [ { "Name", "Secret", "Scopes": [ "Story", "Wish", "submitWish" ], "RateLimit" } ] }</c>:
/// creates each client (a client of the same name is replaced). The secret is stored hashed only.
/// </summary>
internal sealed class ApiClientsStep(ApiClientService clients) : IRecipeStep
{
    public string Name => "ApiClients";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (context.Step["Clients"] is not JsonArray array)
        {
            context.Error("The ApiClients step needs a \"Clients\" array.");
            return;
        }
        var inputs = new List<ApiClientInput>();
        foreach (var (node, i) in array.Select((n, i) => (n, i)))
        {
            var name = node?["Name"]?.GetValue<string>() ?? "";
            var scopes = node?["Scopes"] is JsonArray s ? s.Select(x => x?.GetValue<string>() ?? "").ToList() : [];
            var rate = node?["RateLimit"] is JsonValue r && r.TryGetValue<int>(out var n) ? n : ApiClientService.DefaultRateLimit;
            var secret = node?["Secret"]?.GetValue<string>();
            if (string.IsNullOrEmpty(secret)) context.Error($"Client {i + 1} ({name}): a recipe must give the Secret, since nobody would see a generated one.");
            inputs.Add(new ApiClientInput(name, scopes, rate, secret));
        }
        if (context.Errors.Count > 0) return;
        foreach (var input in inputs)
        {
            var existing = (await clients.ListAsync()).FirstOrDefault(c => c.Name == input.Name.Trim() && c.RevokedUtc is null);
            if (existing is not null) await clients.RevokeAsync(existing.Id);
            var (_, _, errors) = await clients.CreateAsync(input);
            foreach (var error in errors) context.Error($"{input.Name}: {error}");
        }
    }
}
