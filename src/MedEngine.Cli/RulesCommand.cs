using System.CommandLine;
using MedEngine.Knowledge;
using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary><c>medengine rules check [DIR]</c> and <c>medengine rules test [DIR] [--file FILE] [--rule ID]</c>: the pharmacists' tools for rule files.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        Argument<string?> Folder() => new("DIR") { Description = "The rules folder (default: the shipped rules).", Arity = ArgumentArity.ZeroOrOne };
        var checkFolder = Folder();
        var check = new Command("check", "Checks every rule file under DIR and prints every error, with file, line and column; exit 1 on error.") { checkFolder };
        check.SetAction(parsed => RunAsync(test: false, parsed.GetValue(checkFolder), null, null, output, error));
        var testFolder = Folder();
        var file = CommandLine.Value("--file", "FILE", "Only the examples of the rules in this file (its name or path).");
        var rule = CommandLine.Value("--rule", "ID", "Only the examples of this rule.");
        var test = new Command("test", "Runs the examples written in the rule files and prints pass or FAIL for each; exit 1 when one fails.") { testFolder, file, rule };
        test.SetAction(parsed => RunAsync(test: true, parsed.GetValue(testFolder), parsed.GetValue(file), parsed.GetValue(rule), output, error));
        return new Command("rules", "The pharmacists' tools for rule files (docs/rule-files.md).") { check, test };
    }

    private static async Task<int> RunAsync(bool test, string? folder, string? file, string? ruleId, TextWriter output, TextWriter error)
    {
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
            return CommandLine.Findings;
        }

        if (!test)
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
        return failed == 0 ? CommandLine.Success : CommandLine.Findings;
    }
}
