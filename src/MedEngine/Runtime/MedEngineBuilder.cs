using MedEngine.Knowledge;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using IRuleDefinition = NRules.RuleModel.IRuleDefinition;

namespace MedEngine;

/// <summary>
/// Configures and builds the one <see cref="MedEngineRuntime"/> of a host. Every setting has a default: the shipped knowledge
/// base (<see cref="FileKnowledgeBase.ShippedDirectory"/>), the shipped rule library (<see cref="RuleSet.ShippedDirectory"/>),
/// <see cref="SourcePrecedencePolicy.Default"/> and <see cref="TimeProvider.System"/>. A builder builds once.
/// </summary>
/// <example>
/// <code>
/// var runtime = new MedEngineBuilder().UseTimeProvider(clock).Build();
/// var session = runtime.OpenSession(patient);
/// var delta = session.Apply(new SourceListReplaced(gpList));
/// </code>
/// </example>
public sealed class MedEngineBuilder
{
    private readonly List<IRuleDefinition> _hostRules = [];
    private IKnowledgeBase? _knowledge;
    private string? _knowledgeDirectory;
    private string? _rulesDirectory;
    private RuleSetHost? _rules;
    private bool _withoutRules;
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

    /// <summary>Loads the rule files of a folder (see <c>docs/rule-files.md</c>) instead of the shipped library.</summary>
    /// <param name="directory">The rules folder.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseRulesDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        (_rulesDirectory, _rules, _withoutRules) = (directory, null, false);
        return this;
    }

    /// <summary>Uses a rule set host the host application already has (for example one it reloads from a folder it watches).</summary>
    /// <param name="rules">The rule set host.</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder UseRules(RuleSetHost rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        (_rulesDirectory, _rules, _withoutRules) = (null, rules, false);
        return this;
    }

    /// <summary>Builds a runtime that only reconciles: no rules are loaded and sessions have no findings.</summary>
    /// <returns>This builder.</returns>
    public MedEngineBuilder WithoutRules()
    {
        (_rulesDirectory, _rules, _withoutRules) = (null, null, true);
        return this;
    }

    /// <summary>Adds rules the host writes in C# with NRules.Fluent, compiled with the rule files; they insert <see cref="Finding"/> facts.</summary>
    /// <param name="rules">The rule definitions (from NRules.Fluent's <c>RuleRepository</c>).</param>
    /// <returns>This builder.</returns>
    public MedEngineBuilder AddHostRules(IEnumerable<IRuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _hostRules.AddRange(rules);
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

    /// <summary>Loads the knowledge base once, then the rules against it, and builds the runtime.</summary>
    /// <returns>The runtime.</returns>
    /// <exception cref="InvalidOperationException">The builder was built before, or host rules were added to a runtime without
    /// rules or to a rule set host given ready-made.</exception>
    /// <exception cref="InputException">A knowledge file or rule file is missing or broken; every error is listed with file, line and column.</exception>
    public MedEngineRuntime Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("This MedEngineBuilder has already built a runtime; use a new builder for another.");
        }

        if (_hostRules.Count > 0 && (_withoutRules || _rules is not null))
        {
            throw new InvalidOperationException(_withoutRules
                ? "Host rules were added to a runtime built without rules; remove WithoutRules() or the host rules."
                : "Host rules were added beside a ready-made RuleSetHost; compile them into that host's rule set instead.");
        }

        _built = true;
        var knowledge = _knowledge ?? FileKnowledgeBase.Load(_knowledgeDirectory ?? FileKnowledgeBase.ShippedDirectory);
        var rules = _withoutRules
            ? null
            : _rules ?? new RuleSetHost(RuleSet.Load(_rulesDirectory ?? RuleSet.ShippedDirectory, knowledge, _time, _hostRules));
        return new MedEngineRuntime(knowledge, _policy, rules, _time);
    }
}
