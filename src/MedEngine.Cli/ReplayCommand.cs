using MedEngine.Fhir;
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
        var stored = new StoredPatients();
        long? at = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (stored.TryTake(args, ref i))
            {
                continue;
            }

            switch (args[i])
            {
                case "--json":
                    format = "json";
                    break;
                case "--fhir":
                    format = "fhir";
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

        if (stored.Problem("replay", create: false) is { } problem)
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
