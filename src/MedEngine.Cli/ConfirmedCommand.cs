using System.CommandLine;
using System.Globalization;
using MedEngine.Fhir;
using MedEngine.Persistence;
using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine confirmed --store FILE --patient ID [--json|--fhir|--sfm [--lookup URL]] [--html FILE]</c>: a stored patient's
/// confirmed list (docs/confirmed-list.md): the status, who confirmed when, every line with its decision, the open lines and
/// what changed since; <c>--html</c> also writes the review page with the decisions and the changes.
/// </summary>
internal static class ConfirmedCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        var json = CommandLine.Flag("--json", "Print the JSON of docs/confirmed-list.md (the events behind each change on standard error).");
        var fhir = CommandLine.Flag("--fhir", "Print a FHIR List of the confirmed statements with Provenance.");
        var sfm = CommandLine.Flag("--sfm", "Print the input of SFM's Patient/$sendMedication.");
        var lookup = CommandLine.Value("--lookup", "URL", "With --sfm: the $getMedication lookup the list was reconciled from.");
        var html = CommandLine.Value("--html", "FILE", "Also write the review page with the decisions and the changes since confirmation.");
        var command = stored.AddTo(new Command("confirmed", "Prints the confirmed list: status, confirmation, each line's decision, the open lines and what changed since.")
        {
            json, fhir, sfm, lookup, html,
        });
        CommandLine.AtMostOne(command, json, fhir, sfm);
        command.SetAction(parsed => RunAsync(
            stored.Read(parsed), parsed.GetValue(json) ? "json" : parsed.GetValue(fhir) ? "fhir" : parsed.GetValue(sfm) ? "sfm" : "table", parsed.GetValue(lookup), parsed.GetValue(html), output, error));
        return command;
    }

    private static async Task<int> RunAsync(StoredPatients stored, string format, string? lookup, string? html, TextWriter output, TextWriter error)
    {
        if (stored.Problem("confirmed") is { } problem)
        {
            return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
        }

        var (runtime, store, patient) = await stored.OpenAsync().ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            if (patient.Sequence == 0)
            {
                await error.WriteLineAsync($"medengine: the store has no list for patient '{stored.Patient}'.").ConfigureAwait(false);
                return CommandLine.BadInput;
            }

            var confirmed = patient.Session.Confirmed;
            if (html is not null)
            {
                await File.WriteAllTextAsync(html, new ReviewPageWriter().Write(patient.Snapshot.Evaluation, confirmed)).ConfigureAwait(false);
                await error.WriteLineAsync($"medengine: wrote the review page {Path.GetFullPath(html)}").ConfigureAwait(false);
            }

            var fhir = new FhirConfirmedListWriter(runtime.Time);
            switch (format)
            {
                case "json":
                    using (var stream = new MemoryStream())
                    {
                        var behind = await SinceConfirmedEvents.FindAsync(store, patient.PatientId, confirmed, patient.Session.List).ConfigureAwait(false);
                        ConfirmedListJsonWriter.Write(patient.PatientId, patient.Sequence, confirmed, stream);
                        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
                        await WriteEventsBehindAsync(error, behind).ConfigureAwait(false);
                    }

                    break;
                case "fhir":
                    await output.WriteLineAsync(FhirEvaluationWriter.ToJson(fhir.ToListBundle(patient.PatientId, confirmed))).ConfigureAwait(false);
                    break;
                case "sfm" when confirmed.Confirmation is null:
                    await error.WriteLineAsync($"medengine: patient '{stored.Patient}' has no confirmed list to send (medengine decide ... --confirm).").ConfigureAwait(false);
                    return CommandLine.BadInput;
                case "sfm":
                    await output.WriteLineAsync(FhirEvaluationWriter.ToJson(fhir.ToSendMedication(patient.PatientId, confirmed, (lookup, null)))).ConfigureAwait(false);
                    break;
                default:
                    await WriteTableAsync(output, patient, confirmed, await SinceConfirmedEvents.FindAsync(store, patient.PatientId, confirmed, patient.Session.List).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
            }

            return CommandLine.Success;
        }
    }

    private static async Task WriteEventsBehindAsync(TextWriter error, IReadOnlyDictionary<string, IReadOnlyList<long>> behind)
    {
        foreach (var (line, events) in behind)
        {
            await error.WriteLineAsync($"{line}: changed since the confirmation by event(s) {string.Join(", ", events)}").ConfigureAwait(false);
        }
    }

    private static async Task WriteTableAsync(TextWriter output, DurablePatient patient, ConfirmedList confirmed, IReadOnlyDictionary<string, IReadOnlyList<long>> behind)
    {
        static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"Patient {patient.PatientId}, sequence {patient.Sequence}: {ConfirmedListJsonWriter.StatusName(confirmed.Status)}; "
            + (confirmed.Confirmation is { } c ? $"confirmed by {c.By.Role} {c.By.Id} at {When(c.At)} on sequence {c.OnSequence}" : "never confirmed")
            + $"; {confirmed.Open.Count} of {confirmed.Lines.Count} line(s) open.").ConfigureAwait(false);
        await output.WriteLineAsync($"{"line",-18} {"decision",-12} {"by",-30} {"state",-9} what").ConfigureAwait(false);
        foreach (var line in confirmed.Lines)
        {
            var state = line.Decision is null ? "undecided" : line.Contradiction is not null ? "REOPENED" : "decided";
            var what = line.Contradiction?.Detail ?? $"{line.Line.Proposed.From.Entry.Name} {line.Line.Proposed.From.Entry.DosageText}".Trim();
            var by = line.Decision is { } d ? $"{d.By.Role} {d.By.Id} {When(d.At)}" : "";
            await output.WriteLineAsync($"{line.Line.Id,-18} {(line.Decision is { } k ? LineDecisionKinds.ToName(k.Kind) : "-"),-12} {by,-30} {state,-9} {what}").ConfigureAwait(false);
        }

        if (confirmed.Confirmation is null)
        {
            return;
        }

        await output.WriteLineAsync(confirmed.Since.IsEmpty ? "Nothing changed since the confirmation." : "Changed since the confirmation:").ConfigureAwait(false);
        string Events(string id) => behind.TryGetValue(id, out var events) && events.Count > 0 ? $" (event {string.Join(", ", events)})" : "";
        foreach (var id in confirmed.Since.New)
        {
            await output.WriteLineAsync($"  new      {id}{Events(id)}").ConfigureAwait(false);
        }

        foreach (var id in confirmed.Since.Gone)
        {
            await output.WriteLineAsync($"  gone     {id}{Events(id)}").ConfigureAwait(false);
        }

        foreach (var changed in confirmed.Since.Changed)
        {
            await output.WriteLineAsync($"  changed  {changed.LineId}: {string.Join(", ", changed.Entries.Select(e => $"{e.Source}/{e.EntryId}").Concat(changed.Removed.Select(e => $"{e.Source}/{e.EntryId} gone")))}{Events(changed.LineId)}").ConfigureAwait(false);
        }
    }
}
