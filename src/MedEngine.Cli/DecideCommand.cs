using System.CommandLine;
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
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        Option<string> Required(string name, string valueName, string what) => new(name) { Description = what, HelpName = valueName, Required = true };
        Option<string> Reference(string name, string what)
        {
            var option = CommandLine.Value(name, "SOURCE/ENTRY", what);
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>()?.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
                {
                    result.AddError($"{name} is SOURCE/ENTRY.");
                }
            });
            return option;
        }

        var clinician = Required("--clinician", "ID", "Who decides (for example the HPR number).");
        var role = Required("--role", "ROLE", "Their role (lege, sykepleier, farmasøyt...).");
        var name = CommandLine.Value("--name", "NAME", "Their name.");
        var at = new Option<DateTimeOffset?>("--at") { Description = "When (ISO 8601 with offset; default now).", HelpName = "TIME", CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Serialization.IsoDateTimes.TryParse(text, out var parsed))
            {
                return parsed;
            }

            result.AddError($"--at '{text}' is not an ISO 8601 date-time with offset.");
            return null;
        } };
        var line = CommandLine.Value("--line", "LINE", "The line decided.");
        var decision = CommandLine.Value("--decision", "D", "What was decided: " + string.Join(", ", LineDecisionKinds.AllNames) + ".");
        decision.AcceptOnlyFromAmong([.. LineDecisionKinds.AllNames]);
        var entry = Reference("--entry", "For chooseEntry: the entry that is the truth.");
        var dosage = CommandLine.Value("--dosage", "TEXT", "For change: the new dosage.");
        var reason = CommandLine.Value("--reason", "TEXT", "Why.");
        var rest = CommandLine.Value("--rest", "D", "The same decision for every other open line: accept, stop or notTaken.");
        rest.AcceptOnlyFromAmong("accept", "stop", "notTaken");
        var match = Reference("--match", "An entry that did not resolve, to confirm what it is (with --atc).");
        var atc = CommandLine.Value("--atc", "CODE", "The ATC code the --match entry is.");
        var confirm = CommandLine.Flag("--confirm", "Confirm the list after the decisions.");
        var command = stored.AddTo(new Command("decide", """
            Records, in this order, each on the list as it stands: what an unresolved entry is (--match), a decision on a line,
            the same decision for every other open line (--rest), and the confirmation of the list (--confirm).
            """)
        {
            clinician, role, name, at, line, decision, entry, dosage, reason, rest, match, atc, confirm,
        });
        command.Validators.Add(result =>
        {
            var given = (Option option) => result.GetResult(option) is { Implicit: false };
            if (!given(line) && !given(rest) && !given(match) && !given(confirm))
            {
                result.AddError("Give --match SOURCE/ENTRY --atc CODE, --line LINE --decision D, --rest D, or --confirm.");
            }

            if (given(line) != given(decision))
            {
                result.AddError("--line and --decision go together.");
            }

            if (given(match) != given(atc))
            {
                result.AddError("--match and --atc go together.");
            }
        });
        command.SetAction(parsed => RunAsync(
            stored.Read(parsed), new Clinician(parsed.GetValue(clinician)!, parsed.GetValue(role)!, parsed.GetValue(name)), parsed.GetValue(at),
            (parsed.GetValue(line), Kind(parsed.GetValue(decision)), parsed.GetValue(entry), parsed.GetValue(dosage), parsed.GetValue(reason)),
            Kind(parsed.GetValue(rest)), (parsed.GetValue(match), parsed.GetValue(atc)), parsed.GetValue(confirm), output, error));
        return command;
    }

    private static LineDecisionKind? Kind(string? text) => LineDecisionKinds.TryParse(text, out var kind) ? kind : null;

    private static async Task<int> RunAsync(
        StoredPatients stored, Clinician by, DateTimeOffset? at, (string? Line, LineDecisionKind? Kind, string? Entry, string? Dosage, string? Reason) decided,
        LineDecisionKind? rest, (string? Entry, string? Atc) match, bool confirm, TextWriter output, TextWriter error)
    {
        if (stored.Problem("decide") is { } problem)
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

            var when = at ?? runtime.Time.GetUtcNow();
            var events = new List<PatientEvent>();
            if (match.Entry?.Split('/') is [var matchSource, var matchEntry])
            {
                events.Add(new EntryMatched(matchSource, matchEntry, match.Atc!, by, when, patient.Sequence));
            }

            if (decided is { Line: { } line, Kind: { } kind })
            {
                events.Add(new LineDecided(line, kind, by, when, patient.Sequence)
                {
                    Entry = decided.Entry?.Split('/') is [var source, var id] ? new EntryReference(source, id) : null, DosageText = decided.Dosage, Reason = decided.Reason,
                });
            }

            if (rest is { } restKind)
            {
                events.AddRange(patient.Session.Confirmed.Open.Where(l => l.Line.Id != decided.Line).Select(l => new LineDecided(l.Line.Id, restKind, by, when, patient.Sequence) { Reason = decided.Reason }));
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
