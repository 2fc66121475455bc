using MedEngine.Persistence;
using MedEngine.Reconciliation;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine decide --store FILE --patient ID --clinician ID --role ROLE [--name NAME] [--at TIME] [--line LINE --decision D
/// [--entry SOURCE/ENTRY] [--dosage TEXT] [--reason TEXT]] [--rest D] [--match SOURCE/ENTRY --atc CODE] [--confirm]</c>: records
/// clinicians' decisions on a stored patient's list (as <c>POST /patients/{id}/decisions</c>): a confirmed match of an
/// unresolved entry first, then the line's decision, the rest, the confirmation, each on the list as it stands.
/// </summary>
internal static class DecideCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        string? clinician = null, role = null, name = null, line = null, decision = null, entry = null, dosage = null, reason = null, rest = null, match = null, atc = null;
        DateTimeOffset? at = null;
        var confirm = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (stored.TryTake(args, ref i))
            {
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--confirm":
                    confirm = true;
                    continue;
                case "--at" when value is not null:
                    if (!Serialization.IsoDateTimes.TryParse(value, out var parsed))
                    {
                        return await CommandLine.FailAsync(error, $"decide: --at '{value}' is not an ISO 8601 date-time with offset.").ConfigureAwait(false);
                    }

                    at = parsed;
                    break;
                case "--clinician" when value is not null: clinician = value; break;
                case "--role" when value is not null: role = value; break;
                case "--name" when value is not null: name = value; break;
                case "--line" when value is not null: line = value; break;
                case "--decision" when value is not null: decision = value; break;
                case "--entry" when value is not null: entry = value; break;
                case "--dosage" when value is not null: dosage = value; break;
                case "--reason" when value is not null: reason = value; break;
                case "--rest" when value is not null: rest = value; break;
                case "--match" when value is not null: match = value; break;
                case "--atc" when value is not null: atc = value; break;
                default:
                    return await CommandLine.FailAsync(error, $"decide: unknown or incomplete argument '{args[i]}'.").ConfigureAwait(false);
            }

            i++;
        }

        static LineDecisionKind? Kind(string? text) => LineDecisionKinds.TryParse(text, out var kind) ? kind : null;
        var problem = stored.Problem("decide", create: false)
            ?? (clinician is null || role is null ? "decide: give --clinician ID and --role ROLE." : null)
            ?? (line is null && rest is null && match is null && !confirm ? "decide: give --match SOURCE/ENTRY --atc CODE, --line LINE --decision D, --rest D, or --confirm." : null)
            ?? ((match is null) != (atc is null) ? "decide: --match and --atc go together." : null)
            ?? (match is not null && match.Split('/') is not [{ Length: > 0 }, { Length: > 0 }] ? $"decide: --match '{match}' is not SOURCE/ENTRY." : null)
            ?? ((line is null) != (decision is null) ? "decide: --line and --decision go together." : null)
            ?? (decision is not null && Kind(decision) is null ? $"decide: --decision '{decision}' is not one of {string.Join(", ", LineDecisionKinds.AllNames)}." : null)
            ?? (rest is not null && Kind(rest) is not (LineDecisionKind.Accept or LineDecisionKind.Stop or LineDecisionKind.NotTaken) ? "decide: --rest is accept, stop or notTaken." : null)
            ?? (entry is not null && entry.Split('/') is not [{ Length: > 0 }, { Length: > 0 }] ? $"decide: --entry '{entry}' is not SOURCE/ENTRY." : null);
        if (problem is not null)
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

            var by = new Clinician(clinician!, role!, name);
            var when = at ?? runtime.Time.GetUtcNow();
            var events = new List<PatientEvent>();
            if (match?.Split('/') is [var matchSource, var matchEntry])
            {
                events.Add(new EntryMatched(matchSource, matchEntry, atc!, by, when, patient.Sequence));
            }

            if (line is not null)
            {
                events.Add(new LineDecided(line, Kind(decision)!.Value, by, when, patient.Sequence)
                {
                    Entry = entry?.Split('/') is [var source, var id] ? new EntryReference(source, id) : null, DosageText = dosage, Reason = reason,
                });
            }

            if (rest is not null)
            {
                events.AddRange(patient.Session.Confirmed.Open.Where(l => l.Line.Id != line).Select(l => new LineDecided(l.Line.Id, Kind(rest)!.Value, by, when, patient.Sequence) { Reason = reason }));
            }

            if (confirm)
            {
                events.Add(new ListConfirmed(by, when, patient.Sequence));
            }

            try
            {
                await PutCommand.Report(output, await patient.ApplyAsync(events.Select(e => new Serialization.IdentifiedPatientEvent(null, e)).ToList()).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (PatientEventRejectedException e)
            {
                await error.WriteLineAsync("medengine: " + e.Message).ConfigureAwait(false);
                return CommandLine.BadInput;
            }

            var confirmed = patient.Session.Confirmed;
            await output.WriteLineAsync($"status {Serialization.ConfirmedListJsonWriter.StatusName(confirmed.Status)}; open: {(confirmed.Open.Count == 0 ? "none" : string.Join(", ", confirmed.Open.Select(l => l.Line.Id)))}").ConfigureAwait(false);
            return CommandLine.Success;
        }
    }
}
