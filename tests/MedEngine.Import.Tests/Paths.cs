namespace MedEngine.Import.Tests;

/// <summary>The import tests' own data and temporary output folders; the repository's paths are in <see cref="RepositoryPaths"/>.</summary>
internal static class Paths
{
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>A new empty folder under the system temp folder (never inside the repository: imported WHO and DDInter data must not land there).</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "medengine-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
