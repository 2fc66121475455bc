using System.Linq.Expressions;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Rules;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using RuleSet = MedEngine.Rules.RuleSet;

namespace MedEngine.Benchmarks;

/// <summary>
/// What every peer suite shares: the sizes (the largest only in the full suite), the 20-line patient as reconciled facts, and
/// how each engine is handed those facts.
/// </summary>
internal static class PeerSuite
{
    /// <summary>Set to 1 to run the largest sizes (10,000 pairs with naive NRules, 160,000 pairs); <c>.ci/run</c>'s dry run leaves it unset.</summary>
    public const string FullVariable = "MEDENGINE_BENCHMARKS_FULL";

    /// <summary>Whether the full suite was asked for (<see cref="FullVariable"/> is 1). Environment variables reach BenchmarkDotNet's child processes.</summary>
    public static bool Full => Environment.GetEnvironmentVariable(FullVariable) == "1";

    /// <summary>Naive NRules compiles a rule per pair (about 146 s at 10,000 pairs), so it stops there.</summary>
    public const int NaiveLimit = 10_000;

    /// <summary>The interaction table sizes of <see cref="PeerBenchmarks"/>: 100 and 1,000, and 10,000 in the full suite.</summary>
    public static IEnumerable<int> InteractionSizes => Full ? [100, 1_000, NaiveLimit] : [100, 1_000];

    /// <summary>The largest table, DDInter and synthetic pairs (<see cref="PeerLargeTableBenchmarks"/>, full suite only).</summary>
    public const int LargestTable = 160_000;

    /// <summary>The same facts for every engine.</summary>
    public static PeerPatient Patient { get; } = PeerPatient.Create(Workload.PatientWithLines(20), Workload.Patient);

    /// <summary>
    /// MedEngine's evaluation alone, as its patient session does it (<c>PatientDecisionSupport</c>): a fresh session from the rule
    /// set's factory followed by a finding ledger, the patient, the labs and the medication facts inserted, fired, the findings
    /// the ledger settles (a fresh session: every finding is added).
    /// </summary>
    public static IReadOnlyList<Finding> EvaluateMedEngine(RuleSet rules, PeerPatient patient)
    {
        var session = rules.SessionFactory.CreateSession();
        var findings = new FindingLedger();
        findings.Follow(session);
        session.Insert(patient.Patient);
        session.InsertAll(patient.Labs);
        session.InsertAll(patient.Medications);
        session.Fire();
        return findings.Settle().Added;
    }

    /// <summary>Naive NRules: a fresh session per request with the same facts, fired, its findings read.</summary>
    public static List<NaiveFinding> EvaluateNaive(ISessionFactory factory, PeerPatient patient)
    {
        var session = factory.CreateSession();
        session.Insert(patient.Patient);
        session.InsertAll(patient.Labs);
        session.InsertAll(patient.Medications);
        session.Fire();
        return session.Query<NaiveFinding>().AsEnumerable().ToList();
    }

    /// <summary>A naive NRules rule: the patterns given, and an action that reports the rule and the line(s) bound to <paramref name="lines"/>.</summary>
    public static IRuleDefinition NaiveRule(string name, IEnumerable<(Type Type, string Name, LambdaExpression[] Conditions)> patterns, params string[] lines)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        var lhs = builder.LeftHandSide();
        foreach (var (type, declaration, conditions) in patterns)
        {
            var pattern = lhs.Pattern(type, declaration);
            foreach (var condition in conditions)
            {
                pattern.Condition(condition);
            }
        }

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var facts = lines.Select(l => Expression.Parameter(typeof(MedicationFact), l)).ToArray();
        var ids = facts.Select(f => (Expression)Expression.Property(f, nameof(MedicationFact.LineId)));
        var finding = Expression.New(typeof(NaiveFinding).GetConstructors()[0], Expression.Constant(name), Expression.NewArrayInit(typeof(string), ids));
        var insert = Expression.Call(context, typeof(IContext).GetMethod(nameof(IContext.Insert))!, finding);
        builder.RightHandSide().Action(Expression.Lambda(insert, [context, .. facts]));
        return builder.Build();
    }

    /// <summary><c>fact.Codes.Contains(code)</c>.</summary>
    public static Expression HasCode(ParameterExpression fact, string code) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Property(fact, nameof(MedicationFact.Codes)), Expression.Constant(code));

    /// <summary>Fails the setup when two engines' findings differ, naming what only one of them found.</summary>
    public static void Same(string what, string first, IReadOnlyCollection<string> a, string second, IReadOnlyCollection<string> b)
    {
        var onlyA = a.Except(b, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var onlyB = b.Except(a, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (onlyA.Count > 0 || onlyB.Count > 0)
        {
            throw new InvalidOperationException($"The peers disagree on {what}: only {first} found [{string.Join(", ", onlyA)}], only {second} found [{string.Join(", ", onlyB)}].");
        }
    }
}

/// <summary>One patient as reconciled facts: the list it came from, the patient fact, its lab facts and one fact per current line.</summary>
internal sealed record PeerPatient(SourceList List, PatientContext Context, PatientFact Patient, IReadOnlyList<LabFact> Labs, IReadOnlyList<MedicationFact> Medications)
{
    /// <summary>Reconciles the list once and builds the facts the engine's session would insert.</summary>
    public static PeerPatient Create(SourceList list, PatientContext context)
    {
        var now = Workload.Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var patient = new PatientFact(context, today);
        var medications = Workload.Engine.Reconcile([list]).Lines.Where(MedicationFact.IsCurrent).Select(l => new MedicationFact(l, today)).ToList();
        return new PeerPatient(list, context, patient, LabFacts.From(patient, now), medications);
    }
}

/// <summary>What a naive NRules rule reports: the rule and the line(s) it matched.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Lines">The line ids.</param>
internal sealed record NaiveFinding(string Rule, string[] Lines);
