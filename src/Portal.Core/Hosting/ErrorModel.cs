namespace Portal.Core.Hosting;

/// <summary>What an error page shows: the status and the path that failed (null when unknown).</summary>
public sealed record ErrorModel(int StatusCode, string? Path);
