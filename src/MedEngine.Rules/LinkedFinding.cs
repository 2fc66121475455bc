using MedEngine.Findings;

namespace MedEngine.Rules;

/// <summary>
/// A finding as a linked fact of its NRules activation, with the match it was built from: when the activation fires again on
/// the same facts (another line changed), the finding is kept as it is, not built and propagated again. A class, not a
/// record: NRules keeps facts in a dictionary, and identity is all it needs to hash.
/// </summary>
/// <param name="finding">The finding.</param>
/// <param name="match">The facts it was built from.</param>
internal sealed class LinkedFinding(Finding finding, RuleMatch match)
{
    /// <summary>The finding.</summary>
    public Finding Finding { get; } = finding;

    /// <summary>The facts it was built from.</summary>
    public RuleMatch Match { get; } = match;
}
