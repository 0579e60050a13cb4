namespace Portal.Core.Hosting;

/// <summary>What an error page shows: the status, the path that failed (null when unknown) and the request id the logs know it by.</summary>
public sealed record ErrorModel(int StatusCode, string? Path, string? RequestId = null);
