using System.CommandLine;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary>The options the store commands share (<c>[--store FILE] --patient ID [--rules DIR]</c>), and opening the patient they name.</summary>
internal sealed class StoredPatients
{
    private readonly Option<string> _store = CommandLine.Value("--store", "FILE", "The patients' event store, a SQLite file (default events.db in ~/.local/share/medengine).");
    private readonly Option<string> _patient = new("--patient") { Description = "The patient.", HelpName = "ID", Required = true };
    private readonly Option<string> _rules = CommandLine.Value("--rules", "DIR", "The rule files to evaluate (default: the shipped rules).");

    public string? Store { get; private set; }

    public string? Patient { get; private set; }

    public string RulesDirectory { get; private set; } = RuleSet.ShippedDirectory;

    /// <summary>Adds the shared options to a command.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(_store);
        command.Options.Add(_patient);
        command.Options.Add(_rules);
        return command;
    }

    /// <summary>Takes the shared options' values from a parse; the store defaults to the data folder's events.db.</summary>
    public StoredPatients Read(ParseResult parsed)
    {
        Store = parsed.GetValue(_store) ?? new CdsHooks.CdsHooksOptions().EventStorePath;
        Patient = parsed.GetValue(_patient);
        RulesDirectory = parsed.GetValue(_rules) ?? RuleSet.ShippedDirectory;
        return this;
    }

    /// <summary>What is missing for a command that reads the store, or null: the store itself.</summary>
    public string? Problem(string command) =>
        !File.Exists(Store) ? $"{command}: the event store '{Store}' does not exist." : null;

    /// <summary>Opens the store and loads the patient, as now or as at a sequence number (the runtime with the rules, the system clock).</summary>
    public async Task<(MedEngineRuntime Runtime, SqlitePatientEventStore Store, DurablePatient Patient)> OpenAsync(long? at = null)
    {
        var runtime = new MedEngineBuilder().UseRulesDirectory(RulesDirectory).UseLearnedMatcher().Build();
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
