using MedEngine.CdsHooks;
using MedEngine.Fhir;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Rules;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine replay --store FILE --patient ID [--at SEQUENCE] [--json|--fhir] [--rules DIR]</c>: folds a patient's stored
/// events up to a sequence number and prints the list and findings as they were then, saying which rules produced them.
/// </summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var format = "table";
        string? store = null, patient = null;
        string rules = RuleSet.ShippedDirectory;
        long? at = null;
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
                case "--store" when i + 1 < args.Length:
                    store = args[++i];
                    break;
                case "--patient" when i + 1 < args.Length:
                    patient = args[++i];
                    break;
                case "--rules" when i + 1 < args.Length:
                    rules = args[++i];
                    break;
                case "--at" when i + 1 < args.Length:
                    if (!long.TryParse(args[++i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
                    {
                        return await CommandLine.FailAsync(error, $"--at '{args[i]}' is not a sequence number (1 or more).").ConfigureAwait(false);
                    }

                    at = sequence;
                    break;
                default:
                    return await CommandLine.FailAsync(error, $"replay: unknown or incomplete argument '{args[i]}'.").ConfigureAwait(false);
            }
        }

        store ??= new CdsHooksOptions().EventStorePath;
        if (patient is null)
        {
            return await CommandLine.FailAsync(error, "replay: give --patient ID.").ConfigureAwait(false);
        }

        if (!File.Exists(store))
        {
            await error.WriteLineAsync($"medengine: the event store '{store}' does not exist.").ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        try
        {
            var runtime = new MedEngineBuilder().UseRulesDirectory(rules).Build();
            var events = new SqlitePatientEventStore(store);
            await using (events.ConfigureAwait(false))
            {
                var loaded = await DurablePatient.LoadAsync(runtime, events, patient, at).ConfigureAwait(false);
                if (loaded.Sequence == 0)
                {
                    await error.WriteLineAsync($"medengine: the store has no events for patient '{patient}'.").ConfigureAwait(false);
                    return CommandLine.BadInput;
                }

                var snapshot = loaded.Snapshot;
                await error.WriteLineAsync($"Patient {patient} at sequence {snapshot.Sequence}; rules {snapshot.RuleSetHash ?? "none"}"
                    + (snapshot.UsesRecordedRules ? " (as recorded)" : $" (the recorded rules {snapshot.RecordedRuleSetHash} are not the ones in {rules}; the findings are those of the current rules)")).ConfigureAwait(false);
                IEvaluationWriter[] writers = [new TableWriter(), new ReconciliationJsonWriter(), new FhirEvaluationWriter(runtime.Time, "Patient/" + patient)];
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
