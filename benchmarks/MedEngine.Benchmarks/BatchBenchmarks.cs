using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Benchmarks;

/// <summary>
/// 1. Batch: source lists in, normalized, reconciled and evaluated against the full shipped rule library; the last row starts
/// from the raw JSON texts, as a host receives them.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private List<SourceList> _lists = [];
    private MedEngineRuntime _runtime = null!;
    private string[] _json = [];

    [Params(2, 6, 12)]
    public int Sources { get; set; }

    [Params(10, 15, 40)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lists = Workload.Lists(seed: 42, Sources, Entries);
        _runtime = Workload.Runtime(Workload.Library);
        _json = _lists.Select(Json).ToArray();
    }

    [Benchmark(Baseline = true, Description = "reconcile only")]
    public ReconciliationResult Reconcile() => Workload.Engine.Reconcile(_lists);

    [Benchmark(Description = "reconcile + full rule library")]
    public int ReconcileAndEvaluate() => Workload.Evaluate(_runtime, [.. _lists]);

    [Benchmark(Description = "raw JSON in: read + reconcile + full rule library")]
    public int ReadReconcileAndEvaluate()
    {
        var reader = new SourceListJsonReader();
        return Workload.Evaluate(_runtime, [.. _json.Select((text, i) => reader.Read(text, $"list-{i}.json").SinglePatient().Lists[0])]);
    }

    private static string Json(SourceList list)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SourceListJsonWriter.WriteList(writer, list, null);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
