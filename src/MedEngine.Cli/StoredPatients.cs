using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary>The options the store commands share (<c>--store FILE --patient ID [--rules DIR]</c>), and opening the patient they name.</summary>
internal sealed class StoredPatients
{
    public string? Store { get; private set; }

    public string? Patient { get; private set; }

    public string RulesDirectory { get; private set; } = RuleSet.ShippedDirectory;

    /// <summary>Takes a shared option at <paramref name="i"/> (moving past its value); false when it is not one.</summary>
    public bool TryTake(string[] args, ref int i)
    {
        switch (args[i])
        {
            case "--store" when i + 1 < args.Length:
                Store = args[++i];
                return true;
            case "--patient" when i + 1 < args.Length:
                Patient = args[++i];
                return true;
            case "--rules" when i + 1 < args.Length:
                RulesDirectory = args[++i];
                return true;
            default:
                return false;
        }
    }

    /// <summary>What is missing, or null: a patient, and (unless the command may create it) an existing store.</summary>
    public string? Problem(string command, bool create)
    {
        Store ??= new CdsHooks.CdsHooksOptions().EventStorePath;
        return Patient is null ? $"{command}: give --patient ID."
            : !create && !File.Exists(Store) ? $"{command}: the event store '{Store}' does not exist."
            : null;
    }

    /// <summary>Opens the store and loads the patient, as now or as at a sequence number (the runtime with the rules, the system clock).</summary>
    public async Task<(MedEngineRuntime Runtime, SqlitePatientEventStore Store, DurablePatient Patient)> OpenAsync(long? at = null)
    {
        var runtime = new MedEngineBuilder().UseRulesDirectory(RulesDirectory).Build();
        var store = new SqlitePatientEventStore(Store!);
        try
        {
            return (runtime, store, await DurablePatient.LoadAsync(runtime, store, Patient!, at).ConfigureAwait(false));
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
