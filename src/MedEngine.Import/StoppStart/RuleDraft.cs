namespace MedEngine.Import.StoppStart;

/// <summary>A drug selector: ATC codes or prefixes, and codes whose lines do not count.</summary>
internal sealed record AtcSelector(IReadOnlyList<string> Atc, IReadOnlyList<string> Except)
{
    public string Key => string.Join(",", Atc) + "!" + string.Join(",", Except);

    public bool IsEmpty => Atc.Count == 0;
}

/// <summary>A lab threshold: <c>{ test: egfr, below: 30 }</c>.</summary>
internal sealed record LabThreshold(string Test, decimal? Below, decimal? Above)
{
    public override string ToString() => $"{Test}{(Below is { } b ? " < " + b : "")}{(Above is { } a ? " > " + a : "")}";
}

/// <summary>
/// One MedEngine rule as the translator builds it from one or more iterations of a criterion, before it is written as YAML.
/// Drafts equal in everything but their conditions are merged (their condition codes joined: any one is enough).
/// </summary>
internal sealed record RuleDraft
{
    /// <summary>The MedEngine kind: drug-condition, drug-patient, drug-lab, dose-limit, interaction, duplicate, missing-therapy.</summary>
    public required string Kind { get; init; }

    /// <summary>The medicine the STOPP criterion is about (drug, first of between).</summary>
    public AtcSelector? Drug { get; init; }

    /// <summary>The other medicines that must be taken at the same time (interaction).</summary>
    public IReadOnlyList<AtcSelector> Others { get; init; } = [];

    /// <summary>The therapy a START criterion finds missing.</summary>
    public AtcSelector? Missing { get; init; }

    /// <summary>Condition keys, any one enough.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>An age comparison such as <c>&gt;= 65</c>.</summary>
    public string? Age { get; init; }

    /// <summary>The sex the criterion applies to.</summary>
    public string? Sex { get; init; }

    /// <summary>A lab threshold.</summary>
    public LabThreshold? Lab { get; init; }

    /// <summary>A maximum daily dose in mg (dose-limit).</summary>
    public decimal? MaxDailyMg { get; init; }

    /// <summary>Medicines whose presence the criterion excludes ("without a PPI"): a modifier that lowers the finding to info.</summary>
    public AtcSelector? LowerWhen { get; init; }

    /// <summary>The priorities of the iterations it was made from.</summary>
    public IReadOnlyList<int> Priorities { get; init; } = [];

    /// <summary>Everything but the conditions and priorities: drafts with one key are merged.</summary>
    public string MergeKey =>
        string.Join("|", Kind, Drug?.Key, string.Join(";", Others.Select(o => o.Key)), Missing?.Key, Age, Sex, Lab, MaxDailyMg, LowerWhen?.Key);
}
