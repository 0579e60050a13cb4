using Portal.Testing;

namespace Portal.Contents.Tests;

/// <summary>Roles with exactly the permissions a test needs, and clients signed in with them.</summary>
public static class AdminUsers
{
    public const string ContentAdmin = "ContentAdmin";
    public const string Writer = "Writer";
    public const string AdminOnly = "AdminOnly";

    public static async Task<HttpClient> ContentAdminAsync(PortalServer server, string? culture = null) =>
        await SignedInAsync(server, ContentAdmin, culture, "AccessAdmin", "ManageContentTypes", "EditContent", "PublishContent");

    /// <summary>May edit content but neither publish it nor change types.</summary>
    public static async Task<HttpClient> WriterAsync(PortalServer server) =>
        await SignedInAsync(server, Writer, null, "AccessAdmin", "EditContent");

    public static async Task<HttpClient> AdminOnlyAsync(PortalServer server) =>
        await SignedInAsync(server, AdminOnly, null, "AccessAdmin");

    private static async Task<HttpClient> SignedInAsync(PortalServer server, string role, string? culture, params string[] permissions)
    {
        await server.CreateRoleAsync(role, permissions);
        var client = await server.NewSignedInClientAsync($"{role.ToLowerInvariant()}{Guid.NewGuid():N}"[..20], role);
        if (culture is not null) await client.GetAsync($"/culture/{culture}?returnUrl=/admin");
        return client;
    }
}
