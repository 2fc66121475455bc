using MedEngine.Knowledge;
using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary><c>medengine rules check [DIR]</c> and <c>medengine rules test [DIR] [--file FILE] [--rule ID]</c>: the pharmacists' tools for rule files.</summary>
internal static class RulesCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null, ruleId = null, folder = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--file" when args[0] == "test" && i + 1 < args.Length && file is null:
                    file = args[++i];
                    break;
                case "--rule" when args[0] == "test" && i + 1 < args.Length && ruleId is null:
                    ruleId = args[++i];
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && folder is null:
                    folder = value;
                    break;
                default:
                    return await CommandLine.FailAsync(error, $"rules: unknown, repeated or incomplete argument '{args[i]}'.").ConfigureAwait(false);
            }
        }

        if (args.Length == 0 || args[0] is not ("check" or "test"))
        {
            return await CommandLine.FailAsync(error, "Use 'medengine rules check [DIR]' or 'medengine rules test [DIR] [--file FILE] [--rule ID]'.").ConfigureAwait(false);
        }

        var directory = folder ?? RuleSet.ShippedDirectory;
        if (!Directory.Exists(directory))
        {
            // A folder that is not there is bad usage (2); a folder whose files are refused is a rule error (1).
            return await CommandLine.FailAsync(error, $"No rules folder '{directory}'.").ConfigureAwait(false);
        }

        var knowledge = FileKnowledgeBase.LoadShipped();
        var time = TimeProvider.System;
        RuleSet rules;
        try
        {
            rules = RuleSet.Load(directory, knowledge, time);
        }
        catch (InputException e)
        {
            foreach (var problem in e.Errors)
            {
                await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"{e.Errors.Count} error(s) in {directory}.").ConfigureAwait(false);
            return 1;
        }

        if (args[0] == "check")
        {
            await output.WriteLineAsync($"{rules.Rules.Count} rules in {directory}: no errors.").ConfigureAwait(false);
            return CommandLine.Success;
        }

        var chosen = rules.Rules.Where(r => (file is null || Path.GetFileName(r.File) == file || Path.GetFullPath(r.File) == Path.GetFullPath(file)) && (ruleId is null || r.Id == ruleId)).ToList();
        if (chosen.Count == 0)
        {
            return await CommandLine.FailAsync(error, $"No rule{(ruleId is null ? "" : $" '{ruleId}'")}{(file is null ? "" : $" in a file '{file}'")} in {directory}.").ConfigureAwait(false);
        }

        var runner = new RuleExampleRunner(knowledge, rules, time);
        var results = chosen.SelectMany(r => r.Examples.Select(example => runner.Run(r, example))).ToList();
        foreach (var result in results)
        {
            var expected = result.Example.Fires ? "fire" + (result.Example.Severity is { } s ? " with " + Severities.ToName(s) : "") : "not fire";
            await output.WriteLineAsync($"{(result.Passed ? "pass" : "FAIL")}  {result.Rule.Id}  {result.Example.Name}: expected to {expected}, {result.Actual}  ({Path.GetFileName(result.Rule.File)}:{result.Example.Line})").ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync($"{results.Count - failed} passed, {failed} failed").ConfigureAwait(false);
        return failed == 0 ? CommandLine.Success : 1;
    }
}
