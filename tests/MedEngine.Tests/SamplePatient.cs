using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Tests;

/// <summary>The sample patient of data/samples, read with the JSON source list reader.</summary>
internal static class SamplePatient
{
    public static IReadOnlyList<SourceList> Lists { get; } = Directory.GetFiles(RepositoryPaths.Samples, "*.json")
        .Order(StringComparer.Ordinal)
        .SelectMany(path => new SourceListJsonReader().Read(File.ReadAllText(path), path).SinglePatient().Lists)
        .ToList();
}
