namespace MedEngine.Findings;

/// <summary>One source entry behind a finding: which source said what.</summary>
/// <param name="Source">The source id.</param>
/// <param name="SourceKind">The source kind (<c>gp</c>, <c>hospital</c>...).</param>
/// <param name="EntryId">The source's entry id.</param>
/// <param name="Name">The entry's name as written.</param>
/// <param name="Status">The entry's status.</param>
public sealed record FindingEntry(string Source, string SourceKind, string EntryId, string? Name, string Status);

/// <summary>
/// What a rule found for a patient: one per rule and combination of lines (never one per source), with everything a
/// clinician needs to judge it.
/// </summary>
public sealed record Finding
{
    /// <summary>A stable key: the rule id and the sorted line ids. Overrides are recorded against it.</summary>
    public required string Key { get; init; }

    /// <summary>The rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule version.</summary>
    public required int RuleVersion { get; init; }

    /// <summary>The rule kind.</summary>
    public required string Kind { get; init; }

    /// <summary>What kind of problem it is (given by the rule kind; <see cref="FindingCategory.Other"/> unless a host rule says).</summary>
    public FindingCategory Category { get; init; }

    /// <summary>The severity after modifiers.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The rule's severity before modifiers.</summary>
    public required Severity BaseSeverity { get; init; }

    /// <summary>The title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The message.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>What to do.</summary>
    public required LocalizedText Handling { get; init; }

    /// <summary>The mechanism or rationale.</summary>
    public string? Mechanism { get; init; }

    /// <summary>The evidence level.</summary>
    public string? Evidence { get; init; }

    /// <summary>References.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The rule's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The ids of the lines involved, sorted.</summary>
    public required IReadOnlyList<string> LineIds { get; init; }

    /// <summary>Every source entry of those lines.</summary>
    public required IReadOnlyList<FindingEntry> Entries { get; init; }

    /// <summary>The values that crossed a threshold or met a criterion (<c>egfr 24 mL/min/1.73m² (2026-11-01) &lt; 30</c>).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The modifiers that changed the severity: the steps and why.</summary>
    public IReadOnlyList<SeverityChange> Modifiers { get; init; } = [];

    /// <summary>A one-paragraph explanation in English: what matched, why, and the severity.</summary>
    public required string Explanation { get; init; }

    /// <summary>Whether the finding is a suggestion (missing therapy) rather than an alarm.</summary>
    public bool IsSuggestion => Category == FindingCategory.Suggestion;
}
