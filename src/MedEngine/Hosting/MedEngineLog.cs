using Microsoft.Extensions.Logging;

namespace MedEngine;

/// <summary>
/// The engine's log events (category <c>MedEngine</c>, ids listed in <c>docs/hosting.md</c>). They carry folders, counts and
/// rule-file errors, never patient data.
/// </summary>
internal static partial class MedEngineLog
{
    public const string Category = "MedEngine";

    [LoggerMessage(EventId = 1001, EventName = "RuntimeReady", Level = LogLevel.Information,
        Message = "MedEngine runtime ready: knowledge from {Knowledge}, rules from {Rules}, decision support {HasDecisionSupport}")]
    public static partial void RuntimeReady(ILogger logger, string knowledge, string rules, bool hasDecisionSupport);

    [LoggerMessage(EventId = 1002, EventName = "RulesReloaded", Level = LogLevel.Information,
        Message = "Rules reloaded from {Directory}: {RuleCount} rules in use")]
    public static partial void RulesReloaded(ILogger logger, string directory, int ruleCount);

    [LoggerMessage(EventId = 1003, EventName = "RulesReloadRefused", Level = LogLevel.Warning,
        Message = "Rules in {Directory} have {ErrorCount} errors; the last good set of {RuleCount} rules stays in use. First: {FirstError}")]
    public static partial void RulesReloadRefused(ILogger logger, string directory, int errorCount, int ruleCount, string firstError);

    [LoggerMessage(EventId = 1004, EventName = "RulesWatched", Level = LogLevel.Information,
        Message = "Watching {Directory} for rule changes every {Interval}")]
    public static partial void RulesWatched(ILogger logger, string directory, TimeSpan interval);
}
