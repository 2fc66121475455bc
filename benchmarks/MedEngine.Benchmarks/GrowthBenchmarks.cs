using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.Benchmarks;

/// <summary>5. Growth: batch cost against lines per patient (full library); the fitted exponent is printed after the run.</summary>
[MemoryDiagnoser]
public class GrowthByLinesBenchmarks
{
    private MedEngineRuntime _runtime = null!;
    private SourceList _patient = null!;

    [Params(5, 10, 20, 40, 80)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runtime = Workload.Runtime(Workload.Library);
        _patient = Workload.PatientWithLines(Lines);
    }

    [Benchmark(Description = "reconcile + evaluate")]
    public int Evaluate() => Workload.Evaluate(_runtime, _patient);
}

/// <summary>5. Growth: batch cost for a 20-line patient against the number of compiled interaction rules.</summary>
[MemoryDiagnoser]
public class GrowthByRulesBenchmarks
{
    private MedEngineRuntime _runtime = null!;
    private SourceList _patient = null!;

    [Params(10, 100, 1_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pairs = InteractionTables.Pairs().Take(Rules).ToList();
        var rules = pairs.Select((p, i) => new ClinicalRule
        {
            Id = $"GROWTH-{i:0000}",
            Version = 1,
            Kind = "interaction",
            Title = new LocalizedText("Interaksjon", "Interaction"),
            Message = new LocalizedText("", ""),
            Severity = Severity.Caution,
            Condition = new InteractionCondition([Selector(p.A), Selector(p.B)]),
            File = "generated",
            Line = i,
        }).ToList();
        _runtime = Workload.Runtime(RuleSet.Compile(rules, Workload.Time));
        _patient = Workload.PatientWithLines(20);
    }

    [Benchmark(Description = "reconcile + evaluate")]
    public int Evaluate() => Workload.Evaluate(_runtime, _patient);

    private static DrugSelector Selector(string code) => new([code], [], [], [], code);
}
