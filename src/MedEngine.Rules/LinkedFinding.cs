using MedEngine.Findings;

namespace MedEngine.Rules;

/// <summary>
/// A finding as a linked fact of its NRules activation, with the match it was built from: when the activation fires again on
/// the same facts (another line changed), the finding is kept as it is, not built and propagated again.
/// </summary>
/// <param name="Finding">The finding.</param>
/// <param name="Match">The facts it was built from.</param>
internal sealed record LinkedFinding(Finding Finding, RuleMatch Match);
