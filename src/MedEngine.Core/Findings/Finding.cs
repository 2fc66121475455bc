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
    private readonly string? _explanation;

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

    /// <summary>The lines' substances by English name, in <see cref="LineIds"/> order (<c>warfarin</c>, <c>ibuprofen</c>), as the explanation names them.</summary>
    public IReadOnlyList<string> LineNames { get; init; } = [];

    /// <summary>
    /// A one-paragraph explanation in English: what matched, why, and the severity. Built when read, from the names, the
    /// message, the values and the modifiers, unless its maker (a host rule, say) set it.
    /// </summary>
    public string Explanation { get => _explanation ?? FindingWords.Explain(this); init => _explanation = value; }

    /// <summary>Whether the finding is a suggestion (missing therapy) rather than an alarm.</summary>
    public bool IsSuggestion => Category == FindingCategory.Suggestion;

    /// <summary>
    /// Whether a clinician would see the same finding in another: the same key, rule version, severity, values, lines,
    /// entries, modifiers, message and explanation (compared as their parts, so no explanation is built to compare).
    /// </summary>
    /// <param name="other">The other finding.</param>
    /// <returns>Whether they are the same.</returns>
    public bool IsSameAs(Finding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other) || (Key == other.Key && RuleVersion == other.RuleVersion && Severity == other.Severity && BaseSeverity == other.BaseSeverity
            && Values.SequenceEqual(other.Values) && LineIds.SequenceEqual(other.LineIds) && LineNames.SequenceEqual(other.LineNames) && Entries.SequenceEqual(other.Entries)
            && Modifiers.SequenceEqual(other.Modifiers) && Message == other.Message && _explanation == other._explanation);
    }
}
