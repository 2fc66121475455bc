using MedEngine.Rules;
using IRuleDefinition = NRules.RuleModel.IRuleDefinition;

namespace MedEngine;

/// <summary>Adds the rule engine to a <see cref="MedEngineBuilder"/>: rule files, host rules in C#, or a reloadable rule set.</summary>
public static class MedEngineBuilderRulesExtensions
{
    /// <summary>Evaluates the shipped rule library (<see cref="RuleSet.ShippedDirectory"/>, package <c>MedEngine.Rules.Data</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="hostRules">Rules the host writes in C# with NRules.Fluent, compiled with the rule files; they insert
    /// <see cref="Findings.Finding"/> facts.</param>
    /// <returns>The builder.</returns>
    public static MedEngineBuilder UseShippedRules(this MedEngineBuilder builder, IEnumerable<IRuleDefinition>? hostRules = null) =>
        builder.UseRulesDirectory(RuleSet.ShippedDirectory, hostRules);

    /// <summary>Evaluates the rule files of a folder (see <c>docs/rule-files.md</c>), loaded against the runtime's knowledge base.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">The rules folder.</param>
    /// <param name="hostRules">Rules the host writes in C# with NRules.Fluent, compiled with the rule files.</param>
    /// <returns>The builder.</returns>
    public static MedEngineBuilder UseRulesDirectory(this MedEngineBuilder builder, string directory, IEnumerable<IRuleDefinition>? hostRules = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var host = hostRules?.ToList() ?? [];
        return builder.UseDecisionSupport((knowledge, time) =>
            new RuleDecisionSupport(new RuleSetHost(RuleSet.Load(directory, knowledge, time, host)), time));
    }

    /// <summary>Evaluates the rule set of a host the host application keeps (for example one it reloads from a folder it watches).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="rules">The rule set host; a new session sees the set that is current when it evaluates.</param>
    /// <returns>The builder.</returns>
    public static MedEngineBuilder UseRules(this MedEngineBuilder builder, RuleSetHost rules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(rules);
        return builder.UseDecisionSupport((_, time) => new RuleDecisionSupport(rules, time));
    }
}
