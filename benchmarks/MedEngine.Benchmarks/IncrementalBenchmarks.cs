using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;

namespace MedEngine.Benchmarks;

/// <summary>
/// 2. Incremental: one source event into a warm patient (20 lines, full library plus a 10,000-pair table): the list delta
/// and the changed findings. Each invocation toggles between two versions, so every event is a real change.
/// </summary>
[MemoryDiagnoser]
public class IncrementalBenchmarks
{
    private PatientSession _warm = null!;
    private SourceEvent[] _entryChanges = [];
    private SourceEvent[] _listReplacements = [];
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        var rules = RuleSet.Compile([.. Workload.Library.Rules, InteractionTables.Rule(InteractionTables.Load(10_000))], Workload.Time);
        var list = Workload.PatientWithLines(20);
        _warm = Workload.Runtime(rules).OpenSession(Workload.Patient);
        _warm.Apply(new SourceListReplaced(list));
        var entry = list.Entries[3];
        _entryChanges =
        [
            new EntryUpserted(list.Source, entry with { DosageText = "1x3" }),
            new EntryUpserted(list.Source, entry),
        ];
        var changed = list.Entries.Select((e, i) => i == 5 ? e with { Status = EntryStatus.Stopped } : e).ToList();
        _listReplacements = [new SourceListReplaced(new SourceList(list.Source, changed)), new SourceListReplaced(list)];
    }

    [Benchmark(Baseline = true, Description = "entry changed")]
    public PatientDelta EntryChanged() => _warm.Apply(_entryChanges[_turn++ & 1]);

    [Benchmark(Description = "list replaced (one entry stopped)")]
    public PatientDelta ListReplaced() => _warm.Apply(_listReplacements[_turn++ & 1]);
}
