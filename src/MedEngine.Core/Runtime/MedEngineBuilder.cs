using MedEngine.Knowledge;
using MedEngine.Reconciliation;

namespace MedEngine;

/// <summary>
/// Configures and builds the one <see cref="MedEngineRuntime"/> of a host. Every setting has a default: the shipped knowledge
/// base (<see cref="FileKnowledgeBase.ShippedDirectory"/>), no decision support (add the rule engine with <c>UseShippedRules()</c>
/// from <c>MedEngine.Rules</c>), <see cref="SourcePrecedencePolicy.Default"/> and <see cref="TimeProvider.System"/>. A builder
/// builds once.
/// </summary>
/// <example>
/// <code>
/// var runtime = new MedEngineBuilder().UseShippedRules().UseTimeProvider(clock).Build();
/// var session = runtime.OpenSession(patient);
/// var delta = session.Apply(new SourceListReplaced(gpList));
/// </code>
/// </example>
public sealed class MedEngineBuilder
{
    private IKnowledgeBase? _knowledge;
    private string? _knowledgeDirectory;
    private Func<IKnowledgeBase, TimeProvider, IDecisionSupport>? _decisionSupport;
    private Func<IKnowledgeBase, IMatchProposer>? _proposer;
    private SourcePrecedencePolicy _policy = SourcePrecedencePolicy.Default;
    private TimeProvider _time = TimeProvider.System;
    private bool _built;

    /// <summary>Uses a knowledge base the host already has.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseKnowledge(IKnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _knowledge = knowledge;
        _knowledgeDirectory = null;
        return this;
    }

    /// <summary>Loads the knowledge base from a folder (see <c>docs/knowledge-base.md</c>) instead of the shipped one.</summary>
    /// <param name="directory">The folder with <c>substances.tsv</c>, <c>salts.txt</c> and <c>products.tsv</c>.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseKnowledgeDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _knowledgeDirectory = directory;
        _knowledge = null;
        return this;
    }

    /// <summary>
    /// Adds decision support to the runtime; without it the runtime only reconciles and sessions have no findings. The rule
    /// engine's <c>UseShippedRules</c>, <c>UseRulesDirectory</c> and <c>UseRules</c> (package <c>MedEngine.Rules</c>) call this.
    /// </summary>
    /// <param name="create">Creates the decision support from the loaded knowledge base and the runtime's clock, once, in
    /// <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseDecisionSupport(Func<IKnowledgeBase, TimeProvider, IDecisionSupport> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _decisionSupport = create;
        return this;
    }

    /// <summary>Builds a runtime that only reconciles: sessions have no findings (this undoes <see cref="UseDecisionSupport"/>).</summary>
    /// <returns>This builder.</returns>
    public MedEngineBuilder WithoutDecisionSupport()
    {
        _decisionSupport = null;
        return this;
    }

    /// <summary>
    /// Uses another proposer of possible matches for entries that do not resolve (by default <see cref="EditDistanceProposer"/>);
    /// the learned matcher's <c>UseLearnedMatcher()</c> (package <c>MedEngine.Matching</c>) calls this. Proposals never resolve an entry.
    /// </summary>
    /// <param name="create">Creates the proposer from the loaded knowledge base, once, in <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseMatchProposer(Func<IKnowledgeBase, IMatchProposer> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _proposer = create;
        return this;
    }

    /// <summary>Uses a source-precedence policy other than <see cref="SourcePrecedencePolicy.Default"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseSourcePrecedence(SourcePrecedencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        return this;
    }

    /// <summary>Uses a clock other than <see cref="TimeProvider.System"/> (tests, replays).</summary>
    /// <param name="time">The clock.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseTimeProvider(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        return this;
    }

    /// <summary>Loads the knowledge base once, then the decision support against it, and builds the runtime.</summary>
    /// <returns>The runtime.</returns>
    /// <exception cref="InvalidOperationException">The builder was built before.</exception>
    /// <exception cref="InputException">A knowledge file or rule file is missing or broken; every error is listed with file, line and column.</exception>
    public MedEngineRuntime Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("This MedEngineBuilder has already built a runtime; use a new builder for another.");
        }

        _built = true;
        var knowledge = _knowledge ?? FileKnowledgeBase.Load(_knowledgeDirectory ?? FileKnowledgeBase.ShippedDirectory);
        return new MedEngineRuntime(knowledge, _policy, _decisionSupport?.Invoke(knowledge, _time), _time, _proposer?.Invoke(knowledge));
    }
}
