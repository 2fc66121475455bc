using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Benchmarks;

/// <summary>1. Batch: raw source lists in, normalized, reconciled and evaluated against the full shipped rule library.</summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private List<SourceList> _lists = [];
    private MedEngineRuntime _runtime = null!;

    [Params(2, 6, 12)]
    public int Sources { get; set; }

    [Params(10, 15, 40)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lists = Workload.Lists(seed: 42, Sources, Entries);
        _runtime = Workload.Runtime(Workload.Library);
    }

    [Benchmark(Baseline = true, Description = "reconcile only")]
    public ReconciliationResult Reconcile() => Workload.Engine.Reconcile(_lists);

    [Benchmark(Description = "reconcile + full rule library")]
    public int ReconcileAndEvaluate() => Workload.Evaluate(_runtime, [.. _lists]);
}
