using MedEngine.Matching;

namespace MedEngine;

/// <summary>Adds the learned name matcher to a <see cref="MedEngineBuilder"/>.</summary>
public static class MedEngineBuilderMatchingExtensions
{
    /// <summary>
    /// Proposes possible matches for unresolved entries with the learned matcher (<see cref="LearnedMatchProposer"/>) instead of
    /// edit distance: the shipped model (<c>medengine-knowledge/matcher.zip</c>), or a model file retrained with
    /// <c>medengine knowledge train-matcher</c>. Proposals never resolve an entry.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="modelFile">A model file; the shipped one when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static MedEngineBuilder UseLearnedMatcher(this MedEngineBuilder builder, string? modelFile = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMatchProposer(knowledge => modelFile is null ? LearnedMatchProposer.LoadShipped(knowledge) : new LearnedMatchProposer(knowledge, MatcherModel.Load(modelFile)));
    }
}
