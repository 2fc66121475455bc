using Xunit;

namespace MedEngine.Testing;

/// <summary>
/// A fact that reads data which may not be copied into the repository (non-commercial or unlicensed sets in
/// <c>../shared/data</c>): it runs where those folders exist and is skipped, naming the missing folder, where they do not.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] folders) => Skip = SharedDataSkip.Reason(folders);
}

/// <summary>The theory form of <see cref="SharedDataFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(params string[] folders) => Skip = SharedDataSkip.Reason(folders);
}

internal static class SharedDataSkip
{
    /// <summary>Null when every folder exists, else why the test cannot run here.</summary>
    public static string? Reason(string[] folders)
    {
        var missing = folders.Where(f => !Directory.Exists(RepositoryPaths.SharedData(f))).ToList();
        return missing.Count == 0
            ? null
            : $"needs ../shared/data/{string.Join(", ../shared/data/", missing)} (read in place, never copied: its licence forbids it), which is not beside this clone";
    }
}
