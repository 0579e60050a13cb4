namespace Portal.Core.Tests.Recipes;

/// <summary>Tests that need a folder of files of their own, removed afterwards.</summary>
public abstract class TempFolderTests : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("portal-recipes-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
