namespace MedEngine.Import.StoppStart;

/// <summary>
/// How one criterion translated: <c>full</c> (every condition expressed), <c>partial</c> (rules written, something left
/// out: <see cref="Losses"/>), or <c>not</c> (no rule: <see cref="NotReasons"/>).
/// </summary>
internal sealed record CriterionOutcome(SourceCriterion Criterion, IReadOnlyList<GeneratedRule> Rules, IReadOnlyList<string> Losses, IReadOnlyList<string> NotReasons)
{
    public string Outcome => Rules.Count == 0 ? "not" : Losses.Count == 0 ? "full" : "partial";

    /// <summary>Whether it is partial only because ATC codes name no substance of the knowledge base.</summary>
    public bool PartialOnlyByKnowledge => Outcome == "partial" && Losses.All(l => l == StoppStart.Losses.UnknownCodes);

    /// <summary>Why it was not translated: its distinct reasons, joined.</summary>
    public string NotReason => string.Join("; ", NotReasons.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
