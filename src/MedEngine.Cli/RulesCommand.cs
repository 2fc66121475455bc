using MedEngine.Knowledge;
using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary><c>medengine rules check|test [DIR]</c>: the pharmacists' tools for rule files.</summary>
internal static class RulesCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length is 0 or > 2 || args[0] is not ("check" or "test"))
        {
            return await CommandLine.FailAsync(error, "Use 'medengine rules check [DIR]' or 'medengine rules test [DIR]'.").ConfigureAwait(false);
        }

        var directory = args.Length == 2 ? args[1] : RuleSet.ShippedDirectory;
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

        var results = new RuleExampleRunner(knowledge, rules, time).RunAll();
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
