namespace MedEngine.CdsHooks.Tests;

/// <summary>Finds the repository root (the folder with MedEngine.sln) and the data beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string PddiRequests => Path.Combine(Root, "..", "shared", "data", "pddi-cds-hooks", "input", "images", "requests");

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
