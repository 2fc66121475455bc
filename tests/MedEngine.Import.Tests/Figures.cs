using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

/// <summary>Writes an import's figures (read, counts, skipped by reason) to the test output.</summary>
internal static class Figures
{
    public static void Report(ITestOutputHelper output, ImportResult result) => output.WriteLine(result.Summary());
}
