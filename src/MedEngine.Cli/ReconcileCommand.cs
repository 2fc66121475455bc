using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary><c>medengine reconcile</c>: many source lists in, one reconciled list out.</summary>
internal static class ReconcileCommand
{
    private enum OutputFormat
    {
        Table,
        Json,
        Fhir,
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var format = OutputFormat.Table;
        string? patient = null;
        var files = new List<(SourceKind? Kind, string Path)>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    format = OutputFormat.Json;
                    break;
                case "--fhir":
                    format = OutputFormat.Fhir;
                    break;
                case "--patient" when i + 1 < args.Length:
                    patient = args[++i];
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

        var lists = new List<SourceList>();
        foreach (var (kind, path) in files)
        {
            try
            {
                lists.AddRange(InputLoader.Load(path, kind, patient));
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
                await error.WriteLineAsync($"medengine: {path}: {e.Message}").ConfigureAwait(false);
                return CommandLine.BadInput;
            }
        }

        ReconciliationResult result;
        try
        {
            result = ReconciliationEngine.CreateDefault().Reconcile(lists);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync("medengine: " + e.Message).ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        switch (format)
        {
            case OutputFormat.Json:
                await output.WriteLineAsync(ReconciliationJsonWriter.WriteToString(result)).ConfigureAwait(false);
                break;
            case OutputFormat.Fhir:
                await output.WriteLineAsync(FhirResultWriter.ToJson(FhirResultWriter.ToBundle(result, TimeProvider.System))).ConfigureAwait(false);
                break;
            default:
                await output.WriteAsync(TableWriter.Write(result)).ConfigureAwait(false);
                break;
        }

        return CommandLine.Success;
    }

    private static bool TryParseArgument(string argument, out SourceKind? kind, out string path, out string problem)
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
