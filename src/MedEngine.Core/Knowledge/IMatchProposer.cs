using MedEngine.Normalization;

namespace MedEngine.Knowledge;

/// <summary>
/// Proposes what an unresolved name may have meant: knowledge base names for a person to confirm, never a resolution. It is
/// consulted only for entries that resolved neither by code nor by exact name. Implementations are immutable and thread-safe.
/// </summary>
public interface IMatchProposer
{
    /// <summary>The knowledge base names most like one written name, best first.</summary>
    /// <param name="name">The name as written, normalized (<see cref="NameNormalizer"/>) and without strength, form or salt words.</param>
    /// <param name="count">How many proposals at most.</param>
    /// <returns>The proposals, each with a score from 0 to 1, best first; empty when nothing is alike enough.</returns>
    IReadOnlyList<PossibleMatch> Propose(string name, int count);
}
