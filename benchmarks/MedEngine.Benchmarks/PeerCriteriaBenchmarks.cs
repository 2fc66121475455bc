using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedEngine.Findings;
using MedEngine.Rules;
using NRules;
using RuleSet = MedEngine.Rules.RuleSet;

namespace MedEngine.Benchmarks;

/// <summary>
/// 4. Peers, single-drug criteria: 30 and 300 criteria over the knowledge base's substances, of three kinds (age: "age ≥ 75
/// and drug X"; eGFR: "eGFR &lt; 30 and drug Y"; dose limit: "daily dose of Z above N mg"), written in each engine: RulesEngine
/// (one expression per criterion over the patient's age, eGFR, codes and lines; the baseline), naive NRules (one rule per
/// criterion, a fresh session per request) and MedEngine (rules of its own kinds drug-patient, drug-lab and dose-limit, read by
/// its rule file parser). The same 20-line patient's facts go into each; most criteria concern drugs the patient does not
/// take, a few hold. The setup checks that all engines find the same criteria (and naive NRules and MedEngine the same lines).
/// </summary>
[MemoryDiagnoser]
public class PeerCriteriaBenchmarks
{
    private CriteriaPeers _peers = null!;

    [Params(30, 300)]
    public int Criteria { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peers = new CriteriaPeers(Criteria);
        Console.WriteLine("// " + _peers.Agreed);
    }

    [Benchmark(Baseline = true, Description = "RulesEngine (expression per criterion)")]
    public int RulesEngine() => _peers.RulesEngine().Count(r => r.IsSuccess);

    [Benchmark(Description = "naive NRules (rule per criterion, fresh session)")]
    public int NaiveNRules() => _peers.Naive().Count;

    [Benchmark(Description = "MedEngine evaluation (its rule kinds, fresh session)")]
    public int MedEngineEvaluation() => _peers.MedEngine().Count;

    [Benchmark(Description = "MedEngine full path (raw list in: reconcile + evaluate)")]
    public int MedEngineFullPath() => _peers.MedEngineFullPath().Count;
}

/// <summary>One single-drug criterion: <c>age</c> (age at least <see cref="Threshold"/>), <c>egfr</c> (eGFR below it) or <c>dose</c> (the daily dose above it, in mg), with the drug's ATC code.</summary>
internal sealed record Criterion(string Id, string Kind, string Atc, int Threshold);

/// <summary>The single-drug criteria peers for one number of criteria, built and checked against each other.</summary>
internal sealed class CriteriaPeers
{
    private const string WorkflowName = "criteria";
    private readonly PeerPatient _patient = PeerSuite.Patient;
    private readonly RulesEngine.RulesEngine _rulesEngine;
    private readonly ISessionFactory _naive;
    private readonly RuleSet _rules;
    private readonly MedEngineRuntime _runtime;

    public CriteriaPeers(int count)
    {
        var criteria = Generate(count, _patient);
        _rulesEngine = CreateRulesEngine(criteria);
        _naive = CompileNaive(criteria);
        _rules = LoadMedEngine(criteria);
        _runtime = Workload.Runtime(_rules);
        Agreed = Check(criteria);
    }

    /// <summary>What the engines agreed on, for the run's log.</summary>
    public string Agreed { get; }

    public List<RulesEngine.Models.RuleResultTree> RulesEngine() =>
        _rulesEngine.ExecuteAllRulesAsync(WorkflowName, new RulesEngineInput(_patient)).GetAwaiter().GetResult();

    public List<NaiveFinding> Naive() => PeerSuite.EvaluateNaive(_naive, _patient);

    public IReadOnlyList<Finding> MedEngine() => PeerSuite.EvaluateMedEngine(_rules, _patient);

    public IReadOnlyList<Finding> MedEngineFullPath() => _runtime.Evaluate([_patient.List], _patient.Context).Findings;

    /// <summary>
    /// The criteria, kinds in turn (age, eGFR, dose). Every tenth names a drug on the patient's list, alternately with a
    /// threshold the patient meets (age ≥ 75, eGFR &lt; 30, half the line's dose) and one it does not (age ≥ 95, eGFR &lt; 20,
    /// the dose + 1,000 mg); the rest name the knowledge base's other substances, spread over it.
    /// </summary>
    public static List<Criterion> Generate(int count, PeerPatient patient)
    {
        var onList = patient.Medications.SelectMany(m => m.Atc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var dosed = patient.Medications.Where(m => m.DoseToCheckMg >= 2).SelectMany(m => m.Atc.Select(a => (Atc: a, Dose: (int)m.DoseToCheckMg!.Value)))
            .OrderBy(d => d.Atc, StringComparer.Ordinal).ToList();
        var others = Workload.Knowledge.Substances.Select(s => s.Atc).OfType<string>().Where(a => a.Length == 7 && !onList.Contains(a))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return Enumerable.Range(0, count).Select(i =>
        {
            var id = $"PEER-{i:0000}";
            var kind = (i % 3) switch { 0 => "age", 1 => "egfr", _ => "dose" };
            if (i % 10 != 0)
            {
                var other = others[(int)((long)i * 7919 % others.Count)];
                return new Criterion(id, kind, other, kind switch { "age" => 75, "egfr" => 30, _ => 1000 });
            }

            var holds = i % 20 == 0;
            if (kind == "dose")
            {
                var (atc, dose) = dosed[i / 10 % dosed.Count];
                return new Criterion(id, kind, atc, holds ? dose / 2 : dose + 1000);
            }

            return new Criterion(id, kind, onList[i / 10 % onList.Count], (kind, holds) switch { ("age", true) => 75, ("age", false) => 95, (_, true) => 30, _ => 20 });
        }).ToList();
    }

    /// <summary>RulesEngine: one lambda expression rule per criterion over <see cref="RulesEngineInput"/>.</summary>
    public static RulesEngine.RulesEngine CreateRulesEngine(IEnumerable<Criterion> criteria)
    {
        var json = JsonSerializer.Serialize(new[]
        {
            new
            {
                WorkflowName,
                Rules = criteria.Select(c => new
                {
                    RuleName = c.Id,
                    SuccessEvent = c.Kind,
                    RuleExpressionType = "LambdaExpression",
                    Expression = c.Kind switch
                    {
                        "age" => $"input1.Age >= {c.Threshold} && input1.Codes.Contains(\"{c.Atc}\")",
                        "egfr" => $"input1.Egfr < {c.Threshold} && input1.Codes.Contains(\"{c.Atc}\")",
                        _ => $"input1.Lines.Any(l => l.Codes.Contains(\"{c.Atc}\") && l.DoseToCheckMg > {c.Threshold})",
                    },
                }).ToArray(),
            },
        });
        return new RulesEngine.RulesEngine(JsonSerializer.Deserialize<RulesEngine.Models.Workflow[]>(json)!, new RulesEngine.Models.ReSettings());
    }

    /// <summary>Naive NRules: one rule per criterion, the patient or the eGFR fact joined with the medication fact, or the medication fact alone.</summary>
    public static ISessionFactory CompileNaive(IEnumerable<Criterion> criteria) =>
        new RuleCompiler().Compile(criteria.Select(c =>
        {
            var line = Expression.Parameter(typeof(MedicationFact), "line");
            var drug = Expression.Lambda(PeerSuite.HasCode(line, c.Atc), line);
            if (c.Kind == "dose")
            {
                var dose = Expression.GreaterThan(Expression.Property(line, nameof(MedicationFact.DoseToCheckMg)), Expression.Constant((decimal?)c.Threshold, typeof(decimal?)));
                return PeerSuite.NaiveRule(c.Id, [(typeof(MedicationFact), "line", [drug, Expression.Lambda(dose, line)])], "line");
            }

            if (c.Kind == "age")
            {
                var patient = Expression.Parameter(typeof(PatientFact), "patient");
                var age = Expression.GreaterThanOrEqual(Expression.Property(patient, nameof(PatientFact.Age)), Expression.Constant((int?)c.Threshold, typeof(int?)));
                return PeerSuite.NaiveRule(c.Id, [(typeof(PatientFact), "patient", [Expression.Lambda(age, patient)]), (typeof(MedicationFact), "line", [drug])], "line");
            }

            var lab = Expression.Parameter(typeof(LabFact), "lab");
            var egfr = Expression.AndAlso(
                Expression.Equal(Expression.Property(lab, nameof(LabFact.Test)), Expression.Constant("egfr")),
                Expression.LessThan(Expression.Property(lab, nameof(LabFact.Value)), Expression.Constant((decimal)c.Threshold)));
            return PeerSuite.NaiveRule(c.Id, [(typeof(LabFact), "lab", [Expression.Lambda(egfr, lab)]), (typeof(MedicationFact), "line", [drug])], "line");
        }));

    /// <summary>MedEngine: the criteria as rule file text (kinds drug-patient, drug-lab and dose-limit), read by the engine's parser and checked as a rules folder is, then compiled.</summary>
    public static RuleSet LoadMedEngine(IEnumerable<Criterion> criteria)
    {
        var text = new StringBuilder();
        foreach (var c in criteria)
        {
            var (kind, condition) = c.Kind switch
            {
                "age" => ("drug-patient", $"patient: {{ age: \">= {c.Threshold}\" }}"),
                "egfr" => ("drug-lab", $"lab: {{ test: egfr, below: {c.Threshold} }}"),
                _ => ("dose-limit", $"limits: [{{ maxDaily: {c.Threshold} mg }}]"),
            };
            text.Append(CultureInfo.InvariantCulture, $$"""
                ---
                id: {{c.Id}}
                version: 1
                kind: {{kind}}
                title: { nb: "Kriterium {{c.Id}}", en: "Criterion {{c.Id}}" }
                message: { nb: "Kriterium {{c.Id}}", en: "Criterion {{c.Id}}" }
                severity: caution
                drug: { atc: [{{c.Atc}}] }
                {{condition}}

                """);
        }

        var errors = new List<InputError>();
        var rules = new RuleFileParser(Workload.Knowledge, "peer-criteria.yaml", errors).Parse(text.ToString());
        errors.AddRange(RuleChecks.UnknownCodes(rules, Workload.Knowledge));
        return errors.Count > 0 ? throw new InputException(errors) : RuleSet.Compile(rules, Workload.Time);
    }

    /// <summary>Every engine must find the same criteria; naive NRules and MedEngine (both paths) also the same lines.</summary>
    private string Check(List<Criterion> criteria)
    {
        var ids = criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var rulesEngine = RulesEngine().Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).ToHashSet(StringComparer.Ordinal);
        var naive = Naive().Select(f => f.Rule + "@" + f.Lines[0]).ToHashSet(StringComparer.Ordinal);
        var medEngine = MedEngine().Select(f => f.RuleId + "@" + f.LineIds[0]).ToHashSet(StringComparer.Ordinal);
        var fullPath = MedEngineFullPath().Where(f => ids.Contains(f.RuleId)).Select(f => f.RuleId + "@" + f.LineIds[0]).ToHashSet(StringComparer.Ordinal);
        if (rulesEngine.Count == 0 || rulesEngine.Count == criteria.Count)
        {
            throw new InvalidOperationException($"{rulesEngine.Count} of {criteria.Count} criteria hold: the check would prove little.");
        }

        PeerSuite.Same("criteria", "RulesEngine", rulesEngine, "MedEngine", medEngine.Select(k => k.Split('@')[0]).ToHashSet(StringComparer.Ordinal));
        PeerSuite.Same("criteria and lines", "naive NRules", naive, "MedEngine", medEngine);
        PeerSuite.Same("criteria and lines", "MedEngine evaluation", medEngine, "MedEngine full path", fullPath);
        return $"{criteria.Count} criteria: RulesEngine, naive NRules and MedEngine find the same {rulesEngine.Count} criteria holding, on {medEngine.Count} lines";
    }
}
