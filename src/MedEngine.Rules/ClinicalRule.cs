using MedEngine.Findings;
using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>One rule as a pharmacist wrote it in a rule file, parsed and checked.</summary>
public sealed record ClinicalRule
{
    /// <summary>The stable id (<c>MEDENGINE-DDI-0001</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The version; raised on every change of meaning.</summary>
    public required int Version { get; init; }

    /// <summary>The kind as written (<c>interaction</c>, <c>duplicate</c>, <c>drug-patient</c>...).</summary>
    public required string Kind { get; init; }

    /// <summary>The title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The message shown to the clinician.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>The severity before modifiers.</summary>
    public required Severity Severity { get; init; }

    /// <summary>What to do.</summary>
    public LocalizedText Handling { get; init; } = LocalizedText.Empty;

    /// <summary>The mechanism or rationale.</summary>
    public string? Mechanism { get; init; }

    /// <summary>The evidence level (FEST Kildegrunnlag 1-4, or as the source grades it).</summary>
    public string? Evidence { get; init; }

    /// <summary>References.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Tags hosts filter on (<c>bleeding</c>, <c>norgep-nh</c>, <c>renal</c>...).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Who wrote the rule.</summary>
    public string? Author { get; init; }

    /// <summary>When it was last reviewed.</summary>
    public DateOnly? Reviewed { get; init; }

    /// <summary>The care settings the rule applies in; empty for every setting. A patient whose setting is unknown gets it too.</summary>
    public IReadOnlyList<CareSetting> Settings { get; init; } = [];

    /// <summary>Whether the rule applies to the patient's care setting: the rule names none, the setting is unknown, or it is one the rule names.</summary>
    /// <param name="patient">The patient.</param>
    /// <returns><see langword="true"/> when the rule may fire for the patient.</returns>
    internal bool AppliesIn(PatientFact? patient) =>
        Settings.Count == 0 || patient?.Context.Setting is not { } setting || Settings.Contains(setting);

    /// <summary>What must be true for it to fire (always set by the rule-file parser).</summary>
    internal RuleCondition Condition { get; init; } = null!;

    /// <summary>What raises or lowers its severity.</summary>
    internal IReadOnlyList<SeverityModifier> Modifiers { get; init; } = [];

    /// <summary>The pharmacist's own tests of the rule.</summary>
    public IReadOnlyList<RuleExample> Examples { get; init; } = [];

    /// <summary>The file the rule is in.</summary>
    public required string File { get; init; }

    /// <summary>The line the rule starts on.</summary>
    public required int Line { get; init; }
}

/// <summary>A pharmacist's test of a rule: a patient with medications, and whether the rule must fire, with which severity.</summary>
/// <param name="Name">What the example shows.</param>
/// <param name="Patient">The patient, without birth date and labs (they are set relative to the day the example runs).</param>
/// <param name="Age">The patient's age in years, when given.</param>
/// <param name="Labs">Current lab values by test (<c>egfr</c>, <c>creatinine</c>, <c>potassium</c>...).</param>
/// <param name="Medications">The medications, as on a clinician list.</param>
/// <param name="Fires">Whether the rule must fire.</param>
/// <param name="Severity">The severity it must fire with, when given.</param>
/// <param name="Line">The line of the example in its file.</param>
public sealed record RuleExample(string Name, PatientContext Patient, int? Age, IReadOnlyDictionary<string, decimal> Labs, IReadOnlyList<MedicationEntry> Medications, bool Fires, Severity? Severity, int Line)
{
    /// <summary>For medications written with <c>used: 8 weeks</c>: days in use by entry id (the start date is set that many days before the day the example runs).</summary>
    public IReadOnlyDictionary<string, int> DaysInUse { get; init; } = new Dictionary<string, int>();

    /// <summary>For labs written as a series (<c>egfr: { 12 months ago: 62, today: 49 }</c>): by test, the values by days before the day the example runs.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> LabSeries { get; init; } = new Dictionary<string, IReadOnlyDictionary<int, decimal>>();
}
