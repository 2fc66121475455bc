namespace MedEngine.Rules;

/// <summary>
/// A rule that holds for a match, before its finding is built: the finding is built only when the match's facts differ
/// from those of the finding the activation already has (see <see cref="LinkedFinding"/>).
/// </summary>
/// <param name="RuleId">The rule id (the key of the finding among its activation's linked facts).</param>
/// <param name="Factory">Builds the finding.</param>
/// <param name="Match">What the rule matched.</param>
internal readonly record struct RuleHit(string RuleId, FindingFactory Factory, RuleMatch Match);
