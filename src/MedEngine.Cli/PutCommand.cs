using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine put --store FILE --patient ID [--events FILE] [ARG...]</c>: stores source lists (each replaces that source's list,
/// as <c>PUT /patients/{id}/sources/{sourceId}</c>) and patient events (as <c>POST /patients/{id}/events</c>) in a patient's log.
/// </summary>
internal static class PutCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        var files = new List<(SourceKind? Kind, string Path)>();
        var eventFiles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (stored.TryTake(args, ref i))
            {
                continue;
            }

            switch (args[i])
            {
                case "--events" when i + 1 < args.Length:
                    eventFiles.Add(args[++i]);
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return await CommandLine.FailAsync(error, $"put: unknown or incomplete option '{option}'.").ConfigureAwait(false);
                default:
                    if (!ReconcileCommand.TryParseArgument(args[i], out var kind, out var path, out var problem))
                    {
                        return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
                    }

                    files.Add((kind, path));
                    break;
            }
        }

        var missing = stored.Problem("put", create: true) ?? (files.Count == 0 && eventFiles.Count == 0 ? "put: give source lists (FILE or KIND=FILE) or --events FILE." : null);
        if (missing is not null)
        {
            return await CommandLine.FailAsync(error, missing).ConfigureAwait(false);
        }

        try
        {
            var inputs = new List<PatientInput>();
            foreach (var (kind, path) in files)
            {
                inputs.Add(await InputLoader.LoadAsync(path, kind, null).ConfigureAwait(false));
            }

            var events = new List<IdentifiedPatientEvent>();
            foreach (var path in eventFiles)
            {
                var (text, unreadable) = await InputFiles.ReadTextAsync(path).ConfigureAwait(false);
                var read = PatientEventJson.Read(text ?? throw new InputException(unreadable!), path);
                if (read.Errors.Count > 0)
                {
                    throw new InputException(read.Errors);
                }

                events.AddRange(read.Events);
            }

            var (_, store, patient) = await stored.OpenAsync().ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                foreach (var input in inputs)
                {
                    foreach (var list in input.Lists)
                    {
                        await Report(output, await patient.ReplaceSourceAsync(list, input.Patient, null).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                }

                if (events.Count > 0)
                {
                    await Report(output, await patient.ApplyAsync(events).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }

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
        catch (PatientEventRejectedException e)
        {
            await error.WriteLineAsync("medengine: " + e.Message).ConfigureAwait(false);
            return CommandLine.BadInput;
        }
    }

    /// <summary>One line per durable change: its sequence and what it changed.</summary>
    internal static Task Report(TextWriter output, PatientChange change) => output.WriteLineAsync(
        $"sequence {change.Sequence}: lines +{change.Lines.Added.Count} ~{change.Lines.Changed.Count} -{change.Lines.Removed.Count}"
        + (change.Lines.Changed.Count > 0 ? $" ({string.Join(", ", change.Lines.Changed)})" : "")
        + $", findings +{change.Findings.Added.Count} ~{change.Findings.Changed.Count} -{change.Findings.Removed.Count}"
        + (change.IsRedelivery ? " (delivered before: nothing changed)" : ""));
}
