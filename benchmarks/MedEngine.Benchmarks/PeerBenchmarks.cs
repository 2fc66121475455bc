using System.Linq.Expressions;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedEngine.Findings;
using MedEngine.Rules;
using NRules;
using RuleSet = MedEngine.Rules.RuleSet;

namespace MedEngine.Benchmarks;

/// <summary>
/// 4. Peers, interactions: the same 20-line patient's reconciled facts into each engine per request (evaluation only), against
/// tables of 100 and 1,000 pairs (and 10,000 in the full suite, <see cref="PeerSuite.FullVariable"/>). Microsoft RulesEngine
/// (a JSON workflow with one rule per pair, as its users write them; the baseline), naive NRules (one compiled rule per pair,
/// a fresh session per request) and MedEngine (one table rule, a fresh session); plus MedEngine's full path from the raw
/// list, as a row of its own. The setup checks that all engines find the same pairs.
/// </summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private InteractionPeers _peers = null!;

    /// <summary>The sizes: 100 and 1,000 pairs, and 10,000 in the full suite.</summary>
    public static IEnumerable<int> Sizes => PeerSuite.InteractionSizes;

    [ParamsSource(nameof(Sizes))]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peers = new InteractionPeers(Pairs, naive: true);
        Console.WriteLine("// " + _peers.Agreed);
    }

    [Benchmark(Baseline = true, Description = "RulesEngine (rule per pair)")]
    public int RulesEngine() => _peers.RulesEngine().Count(r => r.IsSuccess);

    [Benchmark(Description = "naive NRules (rule per pair, fresh session)")]
    public int NaiveNRules() => _peers.Naive().Count;

    [Benchmark(Description = "MedEngine evaluation (table rule, fresh session)")]
    public int MedEngineEvaluation() => _peers.MedEngine().Count;

    [Benchmark(Description = "MedEngine full path (raw list in: reconcile + evaluate)")]
    public int MedEngineFullPath() => _peers.MedEngineFullPath().Count;
}

/// <summary>
/// 4. Peers, interactions at 160,000 pairs (DDInter and synthetic pairs; the full suite only, <see cref="PeerSuite.FullVariable"/>):
/// as <see cref="PeerBenchmarks"/> without naive NRules, whose compile of a rule per pair is stopped at 10,000.
/// </summary>
[MemoryDiagnoser]
public class PeerLargeTableBenchmarks
{
    private InteractionPeers _peers = null!;

    [Params(PeerSuite.LargestTable)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peers = new InteractionPeers(Pairs, naive: false);
        Console.WriteLine("// " + _peers.Agreed);
    }

    [Benchmark(Baseline = true, Description = "RulesEngine (rule per pair)")]
    public int RulesEngine() => _peers.RulesEngine().Count(r => r.IsSuccess);

    [Benchmark(Description = "MedEngine evaluation (table rule, fresh session)")]
    public int MedEngineEvaluation() => _peers.MedEngine().Count;

    [Benchmark(Description = "MedEngine full path (raw list in: reconcile + evaluate)")]
    public int MedEngineFullPath() => _peers.MedEngineFullPath().Count;
}

/// <summary>The interaction peers for one table size, built and checked against each other.</summary>
internal sealed class InteractionPeers
{
    private const string WorkflowName = "interactions";
    private readonly PeerPatient _patient = PeerSuite.Patient;
    private readonly List<(string A, string B, string Severity)> _pairs;
    private readonly RulesEngine.RulesEngine _rulesEngine;
    private readonly ISessionFactory? _naive;
    private readonly RuleSet _rules;
    private readonly MedEngineRuntime _runtime;

    public InteractionPeers(int pairs, bool naive)
    {
        _pairs = InteractionTables.Pairs().Take(pairs).ToList();
        _rulesEngine = CreateRulesEngine(_pairs);
        _naive = naive ? CompileNaive(_pairs) : null;
        _rules = LoadMedEngine(pairs);
        _runtime = Workload.Runtime(_rules);
        Agreed = Check();
    }

    /// <summary>What the engines agreed on, for the run's log.</summary>
    public string Agreed { get; }

    /// <summary>RulesEngine: the input built from the facts (every code on the list), then every rule of the workflow.</summary>
    public List<RulesEngine.Models.RuleResultTree> RulesEngine() =>
        _rulesEngine.ExecuteAllRulesAsync(WorkflowName, new RulesEngineInput(_patient)).GetAwaiter().GetResult();

    public List<NaiveFinding> Naive() => PeerSuite.EvaluateNaive(_naive!, _patient);

    public IReadOnlyList<Finding> MedEngine() => PeerSuite.EvaluateMedEngine(_rules, _patient);

    public IReadOnlyList<Finding> MedEngineFullPath() => _runtime.Evaluate([_patient.List], _patient.Context).Findings;

    /// <summary>RulesEngine's workflow: one lambda expression rule per pair; its expressions are compiled on the first request.</summary>
    public static RulesEngine.RulesEngine CreateRulesEngine(IEnumerable<(string A, string B, string Severity)> pairs)
    {
        var json = JsonSerializer.Serialize(new[]
        {
            new
            {
                WorkflowName,
                Rules = pairs.Select((p, i) => new
                {
                    RuleName = $"pair-{i}",
                    SuccessEvent = p.Severity,
                    RuleExpressionType = "LambdaExpression",
                    Expression = $"input1.Codes.Contains(\"{p.A}\") && input1.Codes.Contains(\"{p.B}\")",
                }).ToArray(),
            },
        });
        return new RulesEngine.RulesEngine(JsonSerializer.Deserialize<RulesEngine.Models.Workflow[]>(json)!, new RulesEngine.Models.ReSettings());
    }

    /// <summary>Naive NRules: one rule per pair, two medication facts with the pair's codes on different lines.</summary>
    public static ISessionFactory CompileNaive(IEnumerable<(string A, string B, string Severity)> pairs) =>
        new RuleCompiler().Compile(pairs.Select((p, i) =>
        {
            var first = Expression.Parameter(typeof(MedicationFact), "first");
            var second = Expression.Parameter(typeof(MedicationFact), "second");
            var different = Expression.NotEqual(Expression.Property(first, nameof(MedicationFact.LineId)), Expression.Property(second, nameof(MedicationFact.LineId)));
            return PeerSuite.NaiveRule($"pair-{i}",
                [
                    (typeof(MedicationFact), "first", [Expression.Lambda(PeerSuite.HasCode(first, p.A), first)]),
                    (typeof(MedicationFact), "second", [Expression.Lambda(PeerSuite.HasCode(second, p.B), second), Expression.Lambda(different, first, second)]),
                ],
                "first", "second");
        }));

    /// <summary>MedEngine: the table read from its TSV text, one interaction-table rule, compiled into a rule set.</summary>
    public static RuleSet LoadMedEngine(int pairs) =>
        RuleSet.Compile([InteractionTables.Rule(InteractionTables.Load(pairs))], Workload.Time);

    /// <summary>Every engine must find the same pairs (as <c>A+B</c>), and MedEngine the same by both paths.</summary>
    private string Check()
    {
        var rulesEngine = RulesEngine().Where(r => r.IsSuccess).Select(r => Key(_pairs[Index(r.Rule.RuleName)])).ToHashSet(StringComparer.Ordinal);
        var medEngine = PairsOf(MedEngine());
        if (rulesEngine.Count == 0)
        {
            throw new InvalidOperationException("No pair concerns the patient: the check would prove nothing.");
        }

        PeerSuite.Same("interaction pairs", "RulesEngine", rulesEngine, "MedEngine", medEngine);
        PeerSuite.Same("interaction pairs", "MedEngine evaluation", medEngine, "MedEngine full path", PairsOf(MedEngineFullPath().Where(f => f.Category == FindingCategory.Interaction)));
        if (_naive is not null)
        {
            var naive = Naive().Select(f => Key(_pairs[Index(f.Rule)])).ToHashSet(StringComparer.Ordinal);
            PeerSuite.Same("interaction pairs", "naive NRules", naive, "MedEngine", medEngine);
        }

        return $"{_pairs.Count:N0} pairs: {(_naive is null ? "RulesEngine and MedEngine" : "RulesEngine, naive NRules and MedEngine")} find the same {medEngine.Count} pairs on the patient's {_patient.Medications.Count} lines";
    }

    /// <summary>The table's pairs a MedEngine finding's two lines hold.</summary>
    private HashSet<string> PairsOf(IEnumerable<Finding> findings)
    {
        var table = _pairs.Select(Key).ToHashSet(StringComparer.Ordinal);
        var codes = _patient.Medications.ToDictionary(m => m.LineId, m => m.Codes, StringComparer.Ordinal);
        return findings.SelectMany(f => codes[f.LineIds[0]].SelectMany(a => codes[f.LineIds[1]].Select(b => Key((a, b, "")))))
            .Where(table.Contains).ToHashSet(StringComparer.Ordinal);
    }

    private static int Index(string rule) => int.Parse(rule["pair-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static string Key((string A, string B, string Severity) pair) =>
        string.CompareOrdinal(pair.A, pair.B) < 0 ? pair.A + "+" + pair.B : pair.B + "+" + pair.A;
}

/// <summary>
/// The input RulesEngine's expressions see, built from the same facts per request: every code on the list, the patient's age
/// and newest eGFR, and the medication facts themselves.
/// </summary>
public sealed class RulesEngineInput
{
    internal RulesEngineInput(PeerPatient patient)
    {
        Codes = patient.Medications.SelectMany(m => m.Codes).ToHashSet(StringComparer.Ordinal);
        Age = patient.Patient.Age;
        Egfr = patient.Labs.FirstOrDefault(l => l.Test == "egfr")?.Value;
        Lines = patient.Medications;
    }

    /// <summary>Every substance key and ATC code on the patient's list.</summary>
    public HashSet<string> Codes { get; }

    /// <summary>The patient's age in years, when known.</summary>
    public int? Age { get; }

    /// <summary>The newest eGFR, when known.</summary>
    public decimal? Egfr { get; }

    /// <summary>The current lines as the rules see them.</summary>
    public IReadOnlyList<MedicationFact> Lines { get; }
}
