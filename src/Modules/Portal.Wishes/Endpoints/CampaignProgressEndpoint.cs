using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Portal.Wishes.Services;

namespace Portal.Wishes.Endpoints;

/// <summary>
/// A campaign's progress (goal against fulfilled wishes) for campaign pages and partners. Public: counts only,
/// of a published campaign; nothing about any person.
/// </summary>
public static class CampaignProgressEndpoint
{
    public sealed record ProgressResponse(string CampaignId, string Name, int? Goal, int Wishes, int Fulfilled, int? Percent);

    public static void MapCampaignProgressEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/campaigns/{campaignId}/progress", ProgressAsync).AllowAnonymous();

    private static async Task<Results<Ok<ProgressResponse>, NotFound>> ProgressAsync(string campaignId, WishStats stats)
    {
        var progress = (await stats.CampaignsAsync(campaignId)).FirstOrDefault();
        return progress is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ProgressResponse(progress.CampaignId, progress.Name, progress.Goal, progress.Wishes, progress.Fulfilled, progress.Percent));
    }
}
