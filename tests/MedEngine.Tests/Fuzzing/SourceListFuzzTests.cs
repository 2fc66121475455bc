using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Serialization;
using Microsoft.Extensions.Time.Testing;
using Xunit;

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
            var read = Reader.Read(text, "fuzz.json");
            Assert.True(read.IsComplete || read.Issues.Count > 0, $"Seed {seed}: an incomplete read names no issue.");
            Assert.All(read.Issues, issue => Assert.False(string.IsNullOrEmpty(issue.Code), $"Seed {seed}: an issue without a code: {issue}"));
            foreach (var patient in read.Patients)
            {
                var evaluation = Runtime.Value.Evaluate(patient.Lists, patient.Patient);
                var entriesRead = patient.Lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))).OrderBy(x => x).ToList();
                var shown = evaluation.List.Lines.SelectMany(l => l.Entries).Concat(evaluation.List.Unresolved.Select(u => u.Entry))
                    .Select(e => (e.Source.Id, e.Entry.EntryId)).OrderBy(x => x).ToList();
                Assert.Equal(entriesRead, shown);
            }
        });
}
