using MedEngine.Findings;
using MedEngine.Knowledge;
using NRules;
using NRules.RuleModel;

namespace MedEngine.Rules;

/// <summary>
/// A compiled, warmed set of rules: the pharmacists' rule files plus any rules a host adds in C# with NRules.Fluent.
/// Immutable and thread-safe; sessions are created from it per patient.
/// </summary>
public sealed class RuleSet
{
    private RuleSet(IReadOnlyList<ClinicalRule> rules, ISessionFactory factory, int hostRuleCount, int generation, string? contentHash)
    {
        ContentHash = contentHash;
        Rules = rules;
        SessionFactory = factory;
        HostRuleCount = hostRuleCount;
        Generation = generation;
        Coverage = new RuleCoverage(rules);
    }

    private static int _generations;

    /// <summary>The rules from rule files, ordered by id.</summary>
    public IReadOnlyList<ClinicalRule> Rules { get; }

    /// <summary>How many host rules (C#) were compiled with the files.</summary>
    public int HostRuleCount { get; }

    /// <summary>
    /// The content hash of the rule files (<c>sha256:</c> and 64 hex digits, over each file's relative path and bytes), the same on
    /// every machine for the same files, so every node and every stored evaluation can say which rules produced a finding;
    /// <see langword="null"/> for a set compiled from rules read elsewhere. Host rules in C# are not part of it.
    /// </summary>
    public string? ContentHash { get; }

    /// <summary>A number that grows with every rule set compiled in this process, so sessions notice a reload.</summary>
    public int Generation { get; }

    internal ISessionFactory SessionFactory { get; }

    /// <summary>Which lines the rule files name; the rest are reported as not checked.</summary>
    internal RuleCoverage Coverage { get; }

    /// <summary>
    /// Where the shipped rule library is: <c>medengine-rules</c> beside the application, copied there by the package
    /// <c>MedEngine.Rules.Data</c> (a dependency of <c>MedEngine</c>).
    /// </summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "medengine-rules");

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file under a folder, checks and compiles them, and warms the result.
    /// </summary>
    /// <param name="directory">The rules folder.</param>
    /// <param name="knowledge">The knowledge base substance names are resolved against.</param>
    /// <param name="time">The clock for explanations.</param>
    /// <param name="hostRules">Rules a host adds in C# (from NRules.Fluent's <c>RuleRepository</c>); they insert <see cref="Finding"/> facts to report.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="InputException">A file is broken; every error of every file is listed with file, line and column.</exception>
    public static RuleSet Load(string directory, IKnowledgeBase knowledge, TimeProvider time, IEnumerable<IRuleDefinition>? hostRules = null)
    {
        var rules = RuleFiles.Read(directory, knowledge);
        return Compile(rules, time, hostRules, contentHash: RuleFiles.ContentHash(directory));
    }

    /// <summary>Compiles rules already read and checked.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="time">The clock for explanations.</param>
    /// <param name="hostRules">Rules a host adds in C#.</param>
    /// <param name="grouped">
    /// Whether the rules the groups can hold are evaluated in groups (the default); <see langword="false"/> compiles every
    /// rule into an NRules rule of its own, so that tests can hold the groups to the per-rule meaning of each kind.
    /// </param>
    /// <param name="contentHash">The content hash of the files the rules were read from, if known.</param>
    /// <returns>The rule set.</returns>
    internal static RuleSet Compile(IReadOnlyList<ClinicalRule> rules, TimeProvider time, IEnumerable<IRuleDefinition>? hostRules = null, bool grouped = true, string? contentHash = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        var host = hostRules?.ToList() ?? [];
        var compiler = new RuleCompiler();
        compiler.FactIdentityComparerRegistry.RegisterComparer(new MedicationFactIdentity());
        compiler.FactIdentityComparerRegistry.RegisterComparer(new PatientFactIdentity());
        compiler.FactIdentityComparerRegistry.RegisterComparer(new LabFactIdentity());
        var ordered = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var singles = new SingleDrugRuleGroup(ordered.Where(r => grouped && SingleDrugRuleGroup.CanHold(r)).ToList(), time);
        var pairs = new PairRuleGroup(ordered.Where(r => grouped && PairRuleGroup.CanHold(r)).ToList(), time);
        var singlesReadingOtherLines = new SingleDrugRuleGroup(ordered.Where(r => grouped && SingleDrugRuleGroup.CanHoldWithOtherLines(r)).ToList(), time);
        var modifiedPairs = new PairRuleGroup(ordered.Where(r => grouped && PairRuleGroup.CanHoldWithMedicationModifiers(r)).ToList(), time);
        var missing = new MissingTherapyRuleGroup(ordered.Where(r => grouped && MissingTherapyRuleGroup.CanHold(r)).ToList(), time);
        var definitions = ordered.Where(r => !grouped || (!SingleDrugRuleGroup.CanHold(r) && !SingleDrugRuleGroup.CanHoldWithOtherLines(r) && !PairRuleGroup.CanHold(r) && !PairRuleGroup.CanHoldWithMedicationModifiers(r) && !MissingTherapyRuleGroup.CanHold(r)))
            .Select(r => RuleDefinitionCompiler.Compile(r, time))
            .Concat(singles.Count > 0 ? [RuleDefinitionCompiler.CompileGroup(singles)] : [])
            .Concat(singlesReadingOtherLines.Count > 0 ? [RuleDefinitionCompiler.CompileGroup(singlesReadingOtherLines)] : [])
            .Concat(pairs.Count > 0 ? [RuleDefinitionCompiler.CompileGroup(pairs)] : [])
            .Concat(modifiedPairs.Count > 0 ? [RuleDefinitionCompiler.CompileGroup(modifiedPairs)] : [])
            .Concat(missing.Count > 0 ? [RuleDefinitionCompiler.CompileGroup(missing)] : [])
            .Concat(host).ToList();
        var factory = compiler.Compile(definitions);
        Warm(factory);
        return new RuleSet(rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), factory, host.Count, Interlocked.Increment(ref _generations), contentHash);
    }

    /// <summary>Runs one empty session so that the first patient does not pay for lazy initialization.</summary>
    private static void Warm(ISessionFactory factory)
    {
        var session = factory.CreateSession();
        session.Insert(new PatientFact(null, default));
        session.Fire();
    }

    private sealed class MedicationFactIdentity : IEqualityComparer<MedicationFact>
    {
        public bool Equals(MedicationFact? x, MedicationFact? y) => x?.LineId == y?.LineId;

        public int GetHashCode(MedicationFact obj) => obj.LineId.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class PatientFactIdentity : IEqualityComparer<PatientFact>
    {
        public bool Equals(PatientFact? x, PatientFact? y) => x is not null && y is not null;

        public int GetHashCode(PatientFact obj) => 1;
    }

    private sealed class LabFactIdentity : IEqualityComparer<LabFact>
    {
        public bool Equals(LabFact? x, LabFact? y) => x?.Test == y?.Test;

        public int GetHashCode(LabFact obj) => obj.Test.GetHashCode(StringComparison.Ordinal);
    }
}
