using System.CommandLine;
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
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        var events = new Option<string[]>("--events") { Description = "A file of patient events (docs/patient-events.md).", HelpName = "FILE" };
        var sources = CommandLine.Files("ARG", "One source's list: FILE or KIND=FILE, as in reconcile.", ArgumentArity.ZeroOrMore);
        var command = stored.AddTo(new Command("put", "Stores source lists (each replaces that source's list) and patient events in a patient's log, as the patient API does.") { events, sources });
        command.SetAction(parsed => RunAsync(stored.Read(parsed), parsed.GetValue(sources) ?? [], parsed.GetValue(events) ?? [], output, error));
        return command;
    }

    private static async Task<int> RunAsync(StoredPatients stored, string[] arguments, string[] eventFiles, TextWriter output, TextWriter error)
    {
        var files = new List<(SourceKind? Kind, string Path)>();
        foreach (var argument in arguments)
        {
            if (!ReconcileCommand.TryParseArgument(argument, out var kind, out var path, out var problem))
            {
                return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
            }

            files.Add((kind, path));
        }

        if (files.Count == 0 && eventFiles.Length == 0)
        {
            return await CommandLine.FailAsync(error, "put: give source lists (FILE or KIND=FILE) or --events FILE.").ConfigureAwait(false);
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
