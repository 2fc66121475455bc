namespace MedEngine.Testing;

/// <summary>
/// Finds the repository root (the folder with MedEngine.sln), the open data copied into <c>tests/TestData</c>,
/// and the read-only data sets beside the clone in <c>../shared/data</c>, which a clone from a repository host does not have.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "data", "samples");

    public static string Rules => Path.Combine(Root, "rules");

    public static string ShippedKnowledge => Path.Combine(Root, "data", "knowledge");

    /// <summary>A path inside <c>tests/TestData</c>: openly licensed data copied with its attribution.</summary>
    public static string OpenData(params string[] parts) => Path.Combine([Root, "tests", "TestData", .. parts]);

    /// <summary>A path inside <c>../shared/data</c>; tests that read it are <see cref="SharedDataFactAttribute"/>s.</summary>
    public static string SharedData(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", "data", .. parts]));

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
