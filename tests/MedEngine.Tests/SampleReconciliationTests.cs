using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests;

public sealed class SampleReconciliationTests(ITestOutputHelper output)
{
    private static readonly ReconciliationResult Result = ReconciliationEngine.CreateDefault().Reconcile(SamplePatient.Lists);

    [Fact]
    public void Dump()
    {
        output.WriteLine(ReconciliationJsonWriter.WriteToString(Result));
        Assert.Equal(SamplePatient.Lists.Sum(l => l.Entries.Count), Result.EntryCount);
    }
}
