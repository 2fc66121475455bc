using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Rules;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary><c>medengine reconcile</c>: many source lists in, one reconciled list with findings out.</summary>
internal static class ReconcileCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var format = "table";
        string? patient = null, html = null, language = "en";
        string? rules = RuleSet.ShippedDirectory;
        var files = new List<(SourceKind? Kind, string Path)>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    format = "json";
                    break;
                case "--fhir":
                    format = "fhir";
                    break;
                case "--patient" when i + 1 < args.Length:
                    patient = args[++i];
                    break;
                case "--rules" when i + 1 < args.Length:
                    rules = args[++i];
                    break;
                case "--no-rules":
                    rules = null;
                    break;
                case "--html" when i + 1 < args.Length:
                    html = args[++i];
                    break;
                case "--lang" when i + 1 < args.Length && args[i + 1] is "nb" or "en":
                    language = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return await CommandLine.FailAsync(error, $"Unknown option '{option}'.").ConfigureAwait(false);
                default:
                    if (!TryParseArgument(args[i], out var kind, out var path, out var problem))
                    {
                        return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
                    }

                    files.Add((kind, path));
                    break;
            }
        }

        if (files.Count == 0)
        {
            return await CommandLine.FailAsync(error, "Give at least one source list (FILE or KIND=FILE).").ConfigureAwait(false);
        }

        try
        {
            var inputs = new List<PatientInput>();
            foreach (var (kind, path) in files)
            {
                inputs.Add(await InputLoader.LoadAsync(path, kind, patient).ConfigureAwait(false));
            }

            var builder = new MedEngineBuilder();
            var runtime = (rules is null ? builder : builder.UseRulesDirectory(rules)).Build();
            var lists = inputs.SelectMany(i => i.Lists).ToList();
            if (lists.GroupBy(l => l.Source.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return await FailAsync(error, $"Two lists come from source '{twice.Key}'; give each source one list.").ConfigureAwait(false);
            }

            var evaluation = runtime.Evaluate(lists, PatientContexts.Merge(inputs.Select(i => i.Patient)));

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
            return await FailAsync(error, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("medengine: " + message).ConfigureAwait(false);
        return CommandLine.BadInput;
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
