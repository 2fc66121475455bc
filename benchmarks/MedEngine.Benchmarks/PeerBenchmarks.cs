using System.Linq.Expressions;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedEngine.Model;
using MedEngine.Rules;
using NRules;
using NRules.RuleModel;
using RuleSet = MedEngine.Rules.RuleSet;
using NRules.RuleModel.Builders;

namespace MedEngine.Benchmarks;

/// <summary>
/// 4. Peers on the same interaction pairs and the same 20-line patient: Microsoft RulesEngine (a JSON workflow with one rule
/// per pair, as its users write them; the baseline) and naive NRules (one compiled rule per pair, a fresh session per
/// request), against MedEngine (reconciliation from the raw list plus a fresh session with one table rule).
/// </summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private ISessionFactory _naive = null!;
    private MedEngineRuntime _medEngine = null!;
    private SourceList _patient = null!;
    private List<MedicationFact> _facts = [];
    private PatientCodes _codes = null!;

    [Params(100, 1_000)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pairs = InteractionTables.Pairs().Take(Pairs).ToList();
        _patient = Workload.PatientWithLines(20);
        _facts = Workload.Engine.Reconcile([_patient]).Lines.Where(MedicationFact.IsCurrent).Select(l => new MedicationFact(l, DateOnly.FromDateTime(Workload.Time.GetUtcNow().UtcDateTime))).ToList();
        _codes = new PatientCodes { Codes = _facts.SelectMany(f => f.Codes).ToHashSet(StringComparer.Ordinal) };
        _medEngine = Workload.Runtime(RuleSet.Compile([InteractionTables.Rule(InteractionTables.Load(Pairs))], Workload.Time));
        _rulesEngine = new RulesEngine.RulesEngine(JsonSerializer.Deserialize<RulesEngine.Models.Workflow[]>(Workflow(pairs))!, new RulesEngine.Models.ReSettings());
        _naive = new RuleCompiler().Compile(pairs.Select((p, i) => NaiveRule(i, p.A, p.B)));
        if (RulesEngine() != NaiveNRules() || NaiveNRules() != MedEngine())
        {
            throw new InvalidOperationException($"The peers disagree: RulesEngine {RulesEngine()}, naive NRules {NaiveNRules()}, MedEngine {MedEngine()}.");
        }
    }

    [Benchmark(Baseline = true, Description = "RulesEngine (rule per pair)")]
    public int RulesEngine() =>
        _rulesEngine.ExecuteAllRulesAsync("interactions", _codes).GetAwaiter().GetResult().Count(r => r.IsSuccess);

    [Benchmark(Description = "naive NRules (rule per pair, fresh session)")]
    public int NaiveNRules()
    {
        var session = _naive.CreateSession();
        session.InsertAll(_facts);
        session.Fire();
        return session.Query<NaiveFinding>().Select(f => f.Rule).Distinct().Count();
    }

    [Benchmark(Description = "MedEngine (reconcile + table rule)")]
    public int MedEngine()
    {
        return _medEngine.Evaluate([_patient]).Findings.Where(f => f.Category == global::MedEngine.Findings.FindingCategory.Interaction).Select(f => f.LineIds[0] + f.LineIds[1]).Count();
    }

    private static string Workflow(List<(string A, string B, string Severity)> pairs) => JsonSerializer.Serialize(new[]
    {
        new
        {
            WorkflowName = "interactions",
            Rules = pairs.Select((p, i) => new
            {
                RuleName = $"pair-{i}",
                SuccessEvent = p.Severity,
                RuleExpressionType = "LambdaExpression",
                Expression = $"input1.Codes.Contains(\"{p.A}\") && input1.Codes.Contains(\"{p.B}\")",
            }).ToArray(),
        },
    });

    private static IRuleDefinition NaiveRule(int index, string a, string b)
    {
        var builder = new RuleBuilder();
        builder.Name($"pair-{index}");
        var lhs = builder.LeftHandSide();
        var first = lhs.Pattern(typeof(MedicationFact), "first");
        first.Condition(Contains("first", a));
        var second = lhs.Pattern(typeof(MedicationFact), "second");
        second.Condition(Contains("second", b));
        Expression<Func<MedicationFact, MedicationFact, bool>> different = (first, second) => first.LineId != second.LineId;
        second.Condition(different);
        var name = $"pair-{index}";
        Expression<Action<IContext, MedicationFact, MedicationFact>> action = (ctx, first, second) => ctx.Insert(new NaiveFinding(name, first.LineId, second.LineId));
        builder.RightHandSide().Action(action);
        return builder.Build();
    }

    private static LambdaExpression Contains(string name, string code)
    {
        var fact = Expression.Parameter(typeof(MedicationFact), name);
        var codes = Expression.Property(fact, nameof(MedicationFact.Codes));
        var call = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], codes, Expression.Constant(code));
        return Expression.Lambda(call, fact);
    }

    /// <summary>The input RulesEngine's expressions see.</summary>
    public sealed class PatientCodes
    {
        /// <summary>Every substance key and ATC code on the patient's list.</summary>
        public HashSet<string> Codes { get; init; } = [];
    }

    private sealed record NaiveFinding(string Rule, string First, string Second);
}
