using MedEngine.Knowledge;
using MedEngine.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedEngine;

/// <summary>
/// The one runtime of a host, built on first use from <see cref="MedEngineOptions"/>, the host's clock and its builder
/// callback; and, with <see cref="MedEngineOptions.ReloadRules"/>, the rule set host that the reload service swaps.
/// </summary>
internal sealed class EngineHost
{
    private readonly Lazy<MedEngineRuntime> _runtime;

    public EngineHost(IOptions<MedEngineOptions> options, TimeProvider time, ILoggerFactory loggers, Action<MedEngineBuilder>? configure)
    {
        Logger = loggers.CreateLogger(MedEngineLog.Category);
        _runtime = new(() => Build(options.Value, time, configure));
    }

    public ILogger Logger { get; }

    public MedEngineRuntime Runtime => _runtime.Value;

    /// <summary>The reloadable rules, when <see cref="MedEngineOptions.ReloadRules"/> is on; set once <see cref="Runtime"/> is built.</summary>
    public RuleReload? Reload { get; private set; }

    private MedEngineRuntime Build(MedEngineOptions options, TimeProvider time, Action<MedEngineBuilder>? configure)
    {
        var knowledge = FileKnowledgeBase.Load(options.KnowledgeDirectory ?? FileKnowledgeBase.ShippedDirectory);
        var builder = new MedEngineBuilder().UseTimeProvider(time).UseKnowledge(knowledge).UseLearnedMatcher();
        if (options is { ReloadRules: true, RulesDirectory: { } watched })
        {
            Reload = new RuleReload(new RuleSetHost(RuleSet.Load(watched, knowledge, time)), watched, knowledge, time);
            builder.UseRules(Reload.Host);
        }
        else
        {
            builder.UseRulesDirectory(options.RulesDirectory ?? RuleSet.ShippedDirectory);
        }

        configure?.Invoke(builder);
        var runtime = builder.Build();
        MedEngineLog.RuntimeReady(Logger, options.KnowledgeDirectory ?? "the shipped knowledge base", options.RulesDirectory ?? "the shipped rule library", runtime.HasDecisionSupport);
        return runtime;
    }
}
