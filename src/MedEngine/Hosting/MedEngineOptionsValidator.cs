using Microsoft.Extensions.Options;

namespace MedEngine;

/// <summary>Checks <see cref="MedEngineOptions"/> once at start and reports every problem together.</summary>
internal sealed class MedEngineOptionsValidator : IValidateOptions<MedEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, MedEngineOptions options)
    {
        var problems = new List<string>();
        if (options.KnowledgeDirectory is { } knowledge && !Directory.Exists(knowledge))
        {
            problems.Add($"MedEngine:KnowledgeDirectory: no such folder '{knowledge}'.");
        }

        if (options.RulesDirectory is { } rules && !Directory.Exists(rules))
        {
            problems.Add($"MedEngine:RulesDirectory: no such folder '{rules}'.");
        }

        if (options.ReloadRules && options.RulesDirectory is null)
        {
            problems.Add("MedEngine:ReloadRules needs MedEngine:RulesDirectory (the shipped rules do not change while the host runs).");
        }

        if (options.ReloadInterval < TimeSpan.FromMilliseconds(100))
        {
            problems.Add($"MedEngine:ReloadInterval: {options.ReloadInterval} is shorter than the least, 00:00:00.1.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
