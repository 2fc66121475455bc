using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Rules;

namespace MedEngine.Benchmarks;

/// <summary>3. Knowledge scale: a 20-line patient against interaction tables of growing size, and the time to load and compile each table.</summary>
[MemoryDiagnoser]
public class KnowledgeScaleBenchmarks
{
    private MedEngineRuntime _runtime = null!;
    private SourceList _patient = null!;
    private string _text = "";

    [Params(10, 1_000, 10_000, 160_000)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = InteractionTables.Text(Pairs);
        _runtime = Workload.Runtime(RuleSet.Compile([InteractionTables.Rule(InteractionTables.Load(Pairs))], Workload.Time));
        _patient = Workload.PatientWithLines(20);
    }

    [Benchmark(Description = "evaluate 20-line patient")]
    public int Evaluate() => Workload.Evaluate(_runtime, _patient);

    [Benchmark(Description = "load and compile table")]
    public RuleSet LoadAndCompile() =>
        RuleSet.Compile([InteractionTables.Rule(InteractionTable.Read(new StringReader(_text), "table.tsv"))], Workload.Time);
}
