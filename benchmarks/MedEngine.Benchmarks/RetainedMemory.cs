using MedEngine.Reconciliation;

namespace MedEngine.Benchmarks;

/// <summary>6. Memory: bytes retained per warm patient state (20 lines, full library), measured over 1,000 patients.</summary>
internal static class RetainedMemory
{
    private const int Patients = 1_000;

    public static void Report(TextWriter output)
    {
        var runtime = Workload.Runtime(Workload.Library);
        var lists = Enumerable.Range(0, Patients).Select(i => Workload.Lists(seed: i, sources: 6, entries: 15)).ToList();
        var before = Measure();
        var states = new List<PatientSession>(Patients);
        foreach (var patient in lists)
        {
            var state = runtime.OpenSession(Workload.Patient);
            state.ApplyAll(patient.Select(list => new SourceListReplaced(list)));
            states.Add(state);
        }

        var after = Measure();
        var lines = states.Average(s => s.List.Lines.Count);
        output.WriteLine($"Retained per warm patient (6 sources x 15 entries, {lines:0.#} lines on average, full library): {(after - before) / Patients:N0} bytes over {Patients} patients.");
        GC.KeepAlive(states);
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
