using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Serialization;
using Microsoft.Extensions.Time.Testing;

namespace MedEngine.Tests.Fuzzing;

/// <summary>
/// Mutated sample lists (<see cref="JsonMutator"/>) into the MedEngine JSON reader and then the whole engine with the shipped
/// rules: every case is read or refused with coded issues, never an exception, and every entry read is accounted for in the
/// reconciled list (a line or unresolved), exactly once.
/// </summary>
public sealed class SourceListFuzzTests
{
    private static readonly SourceListJsonReader Reader = new();

    private static readonly string[] Samples = Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static readonly Lazy<MedEngineRuntime> Runtime = new(() =>
        new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).UseTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero))).Build());

    [Property(MaxTest = 2000)]
    public Property AMutatedList_IsReadOrRefused_AndEveryEntryReadIsAccountedFor() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var text = JsonMutator.Mutate(Samples[seed % Samples.Length], seed);
            ReadAccounting.AssertAccountedFor(Reader.Read(text, "fuzz.json"), Runtime.Value, seed);
        });
}
