using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Testing;

/// <summary>What every reader's fuzz property holds a read to: coded issues, and every entry read shown exactly once.</summary>
internal static class ReadAccounting
{
    /// <summary>
    /// An incomplete read names its issues, each with a stable code; and every entry read is in the reconciled list (a line or
    /// unresolved) exactly once when the runtime evaluates it.
    /// </summary>
    public static void AssertAccountedFor(SourceReadResult read, MedEngineRuntime runtime, int seed)
    {
        Assert.True(read.IsComplete || read.Issues.Count > 0, $"Seed {seed}: an incomplete read names no issue.");
        Assert.All(read.Issues, issue => Assert.Matches("^IN[0-9]{3}$", issue.Code));
        foreach (var patient in read.Patients)
        {
            var evaluation = runtime.Evaluate(patient.Lists, patient.Patient);
            var entriesRead = patient.Lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))).OrderBy(x => x).ToList();
            var shown = evaluation.List.Lines.SelectMany(l => l.Entries).Concat(evaluation.List.Unresolved.Select(u => u.Entry))
                .Select(e => (e.Source.Id, e.Entry.EntryId)).OrderBy(x => x).ToList();
            Assert.Equal(entriesRead, shown);
        }
    }
}
