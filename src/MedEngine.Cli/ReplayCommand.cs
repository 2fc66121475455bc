using System.CommandLine;
using MedEngine.Fhir;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine replay --store FILE --patient ID [--at SEQUENCE] [--json|--fhir] [--rules DIR]</c>: folds a patient's stored
/// events up to a sequence number and prints the list and findings as they were then, saying which rules produced them.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stored = new StoredPatients();
        var json = CommandLine.Flag("--json", "Print the JSON document of docs/reconcile-json.md.");
        var fhir = CommandLine.Flag("--fhir", "Print a FHIR R4 Bundle.");
        var at = new Option<long?>("--at") { Description = "The sequence number to replay to (default: now).", HelpName = "SEQUENCE" };
        at.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 1)
            {
                result.AddError("--at is a sequence number, 1 or more.");
            }
        });
        var command = stored.AddTo(new Command("replay", "Prints a stored patient's list and findings as they were at a sequence number, and which rules produced them.") { at, json, fhir });
        CommandLine.AtMostOne(command, json, fhir);
        command.SetAction(parsed => RunAsync(stored.Read(parsed), parsed.GetValue(at), parsed.GetValue(json) ? "json" : parsed.GetValue(fhir) ? "fhir" : "table", output, error));
        return command;
    }

    private static async Task<int> RunAsync(StoredPatients stored, long? at, string format, TextWriter output, TextWriter error)
    {
        if (stored.Problem("replay") is { } problem)
        {
            return await CommandLine.FailAsync(error, problem).ConfigureAwait(false);
        }

        try
        {
            var (runtime, events, loaded) = await stored.OpenAsync(at).ConfigureAwait(false);
            await using (events.ConfigureAwait(false))
            {
                if (loaded.Sequence == 0)
                {
                    await error.WriteLineAsync($"medengine: the store has no events for patient '{stored.Patient}'.").ConfigureAwait(false);
                    return CommandLine.BadInput;
                }

                var snapshot = loaded.Snapshot;
                await error.WriteLineAsync($"Patient {stored.Patient} at sequence {snapshot.Sequence}; rules {snapshot.RuleSetHash ?? "none"}"
                    + (snapshot.UsesRecordedRules ? " (as recorded)" : $" (the recorded rules {snapshot.RecordedRuleSetHash} are not the ones in {stored.RulesDirectory}; the findings are those of the current rules)")).ConfigureAwait(false);
                IEvaluationWriter[] writers = [TableWriter.For(output, "en"), new ReconciliationJsonWriter(), new FhirEvaluationWriter(runtime.Time, "Patient/" + stored.Patient)];
                await writers.Single(w => w.Format == format).WriteAsync(snapshot.Evaluation, output).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                return CommandLine.Success;
            }
        }
        catch (Exception e) when (e is InputException or InvalidDataException)
        {
            await error.WriteLineAsync("medengine: " + e.Message).ConfigureAwait(false);
            return CommandLine.BadInput;
        }
    }
}
