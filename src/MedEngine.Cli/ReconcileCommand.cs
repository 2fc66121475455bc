using System.CommandLine;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Rules;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary><c>medengine reconcile</c>: many source lists in, one reconciled list with findings out.</summary>
internal static class ReconcileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var json = CommandLine.Flag("--json", "Print the JSON document of docs/reconcile-json.md.");
        var fhir = CommandLine.Flag("--fhir", "Print a FHIR R4 Bundle (List, DetectedIssue, Provenance).");
        var html = CommandLine.Value("--html", "FILE", "Also write a self-contained review page with the sources side by side.");
        var language = CommandLine.Value("--lang", "nb|en", "The language of the table and the page (default en).");
        language.AcceptOnlyFromAmong("nb", "en");
        var patient = CommandLine.Value("--patient", "ID", "The patient to take from files that hold several.");
        var setting = CommandLine.Setting();
        var rules = CommandLine.Value("--rules", "DIR", "The rule files to evaluate (default: the shipped rules).");
        var noRules = CommandLine.Flag("--no-rules", "Reconcile only.");
        var sources = CommandLine.Files("ARG", "One source's list: FILE or KIND=FILE (KIND: gp, hospital, municipal, pll, prescriptions, dispensing, multidose, patient); a MedEngine source list or FHIR R4.", ArgumentArity.OneOrMore);
        var command = new Command("reconcile", "Reconciles the medication lists of one patient and evaluates the rules; prints a table fitted to the terminal.")
        {
            json, fhir, html, language, patient, setting, rules, noRules, sources,
        };
        CommandLine.AtMostOne(command, json, fhir);
        CommandLine.AtMostOne(command, rules, noRules);
        command.SetAction(parsed => RunAsync(
            parsed.GetValue(json) ? "json" : parsed.GetValue(fhir) ? "fhir" : "table", parsed.GetValue(patient), parsed.GetValue(noRules) ? null : parsed.GetValue(rules) ?? RuleSet.ShippedDirectory,
            CommandLine.Setting(parsed, setting), parsed.GetValue(html), parsed.GetValue(language) ?? "en", parsed.GetValue(sources)!, output, error));
        return command;
    }

    private static async Task<int> RunAsync(string format, string? patient, string? rules, CareSetting? setting, string? html, string language, string[] arguments, TextWriter output, TextWriter error)
    {
        var files = new List<(SourceKind? Kind, string Path)>();
        foreach (var argument in arguments)
        {
            if (!TryParseArgument(argument, out var kind, out var path, out var problem))
            {
                return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
            }

            files.Add((kind, path));
        }

        try
        {
            var inputs = new List<PatientInput>();
            foreach (var (kind, path) in files)
            {
                inputs.Add(await InputLoader.LoadAsync(path, kind, patient).ConfigureAwait(false));
            }

            var builder = new MedEngineBuilder().UseLearnedMatcher();
            var runtime = (rules is null ? builder : builder.UseRulesDirectory(rules)).Build();
            var lists = inputs.SelectMany(i => i.Lists).ToList();
            if (lists.GroupBy(l => l.Source.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return await CommandLine.FailAsync(error, $"Two lists come from source '{twice.Key}'; give each source one list.").ConfigureAwait(false);
            }

            var known = PatientContexts.Merge(inputs.Select(i => i.Patient));
            var evaluation = runtime.Evaluate(lists, setting is null ? known : (known ?? new PatientContext()) with { Setting = setting });

            if (html is not null)
            {
                await File.WriteAllTextAsync(html, new ReviewPageWriter(language).Write(evaluation)).ConfigureAwait(false);
                await error.WriteLineAsync($"medengine: wrote the review page {Path.GetFullPath(html)}").ConfigureAwait(false);
            }

            IEvaluationWriter[] writers = [TableWriter.For(output, language), new ReconciliationJsonWriter(), new FhirEvaluationWriter(runtime.Time)];
            await writers.Single(w => w.Format == format).WriteAsync(evaluation, output).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            return CommandLine.Success;
        }
        catch (InputException e)
        {
            foreach (var problem in e.Errors)
            {
                await error.WriteLineAsync("medengine: " + problem).ConfigureAwait(false);
            }

            return CommandLine.BadInput;
        }
        catch (IOException e)
        {
            return await CommandLine.FailAsync(error, e.Message).ConfigureAwait(false);
        }
    }

    internal static bool TryParseArgument(string argument, out SourceKind? kind, out string path, out string problem)
    {
        kind = null;
        path = argument;
        problem = "";
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && !File.Exists(argument))
        {
            if (!SourceKinds.TryParse(argument[..equals], out var parsed))
            {
                problem = $"Unknown source kind '{argument[..equals]}' in '{argument}'; expected one of {string.Join(", ", SourceKinds.AllNames)}.";
                return false;
            }

            kind = parsed;
            path = argument[(equals + 1)..];
        }

        if (!File.Exists(path))
        {
            problem = $"File not found: '{path}'.";
            return false;
        }

        return true;
    }
}
