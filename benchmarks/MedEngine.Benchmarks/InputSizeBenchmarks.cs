using BenchmarkDotNet.Attributes;
using MedEngine.Serialization;

namespace MedEngine.Benchmarks;

/// <summary>
/// 9. Input size: a source list whose first entry has a dosage text of 1 KB to 1 MB (well under the service's 4 MiB body
/// limit), read and evaluated with the full library, as <c>reconcile</c> and the patient API do. The baseline is 1 KB; the
/// ratios show how cost grows with the input: at most linearly, since the parser reads no text longer than a dosage can be.
/// </summary>
[MemoryDiagnoser]
public class InputSizeBenchmarks
{
    private readonly SourceListJsonReader _reader = new();
    private MedEngineRuntime _runtime = null!;
    private readonly Dictionary<int, string> _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _runtime = Workload.Runtime(Workload.Library);
        foreach (var length in new[] { 1_000, 10_000, 100_000, 1_000_000 })
        {
            var text = string.Concat(Enumerable.Repeat("1 tablett morgen og kveld ", length / 26 + 1))[..length];
            _json[length] = $$"""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Paracet 500 mg tablett", "dosageText": "{{text}}" }, { "id": "2", "name": "Marevan 2,5 mg tablett", "dosageText": "1x1" } ] }""";
        }
    }

    [Benchmark(Baseline = true, Description = "MedEngine read + evaluate, 1 KB dosage text")]
    public int OneKilobyte() => ReadAndEvaluate(1_000);

    [Benchmark(Description = "MedEngine read + evaluate, 10 KB dosage text")]
    public int TenKilobytes() => ReadAndEvaluate(10_000);

    [Benchmark(Description = "MedEngine read + evaluate, 100 KB dosage text")]
    public int HundredKilobytes() => ReadAndEvaluate(100_000);

    [Benchmark(Description = "MedEngine read + evaluate, 1 MB dosage text")]
    public int OneMegabyte() => ReadAndEvaluate(1_000_000);

    private int ReadAndEvaluate(int length)
    {
        var input = _reader.Read(_json[length], "gp.json").SinglePatient();
        return _runtime.Evaluate(input.Lists, input.Patient).List.Lines.Count;
    }
}
