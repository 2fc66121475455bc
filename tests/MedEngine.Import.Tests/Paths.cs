namespace MedEngine.Import.Tests;

/// <summary>Finds the repository root, the shared data beside it, the test data, and makes temporary output folders.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.Combine(Root, "..", "shared", "data");

    public static string ShippedKnowledge => Path.Combine(Root, "data", "knowledge");

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Shared(params string[] parts) => Path.Combine([SharedData, .. parts]);

    /// <summary>A new empty folder under the system temp folder (never inside the repository: imported WHO and DDInter data must not land there).</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "medengine-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MedEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
