using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Utilities;

namespace MedEngine.Orleans;

/// <summary>
/// The patient grain: loads the patient by folding its log when activated, applies then stores each call's events, tells its
/// watchers, and is deactivated by Orleans when idle (<c>GrainCollectionOptions.CollectionAge</c>), which frees its memory; its
/// state stays in the store, so the next call on any silo loads it again. Needs a <see cref="MedEngineRuntime"/> and an
/// <see cref="IPatientEventStore"/> shared by every silo (PostgreSQL for a region) in the silo's services. Placed at random,
/// so patients spread evenly over the silos.
/// </summary>
[RandomPlacement]
internal sealed class PatientGrain(MedEngineRuntime runtime, IPatientEventStore store, ILocalSiloDetails silo, ILogger<PatientGrain> logger) : Grain, IPatientGrain
{
    private readonly ObserverManager<IPatientWatcher> _watchers = new(TimeSpan.FromMinutes(2), logger);
    private DurablePatient? _patient;

    public async Task<PatientChange> ApplyAsync(string events)
    {
        var read = Read(events);
        return Tell(await (await LoadAsync().ConfigureAwait(true)).ApplyAsync(read).ConfigureAwait(true));
    }

    public async Task<PatientChange> ReplaceSourceAsync(string list, string? facts, string? eventId)
    {
        var replaced = Read(list) is [{ Event: SourceListReplaced source }] ? source.List : throw new ArgumentException("Expected one sourceListReplaced event.", nameof(list));
        PatientContext? patient = null;
        if (facts is not null)
        {
            patient = Read(facts) is [{ Event: PatientContextChanged changed }] ? changed.Patient : throw new ArgumentException("Expected one patientContextChanged event.", nameof(facts));
        }

        return Tell(await (await LoadAsync().ConfigureAwait(true)).ReplaceSourceAsync(replaced, patient, eventId).ConfigureAwait(true));
    }

    public async Task<PatientGrainState?> GetAsync()
    {
        var snapshot = (await LoadAsync().ConfigureAwait(true)).Snapshot;
        if (snapshot.Sequence == 0)
        {
            return null;
        }

        return new PatientGrainState(snapshot.Sequence, PatientEventJson.WriteAll(snapshot.Events.Select(e => new IdentifiedPatientEvent(null, e))), snapshot.RecordedRuleSetHash, silo.SiloAddress.ToString());
    }

    public Task WatchAsync(IPatientWatcher watcher)
    {
        _watchers.Subscribe(watcher, watcher);
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(IPatientWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    private PatientChange Tell(PatientChange change)
    {
        if (!change.IsRedelivery)
        {
            _watchers.Notify(w => w.OnChangedAsync(change));
        }

        return change;
    }

    private IReadOnlyList<IdentifiedPatientEvent> Read(string events)
    {
        var read = PatientEventJson.Read(events, $"patient '{this.GetPrimaryKeyString()}'");
        return read.Errors.Count == 0 ? read.Events : throw new ArgumentException(string.Join("; ", read.Errors.Select(e => e.ToString())), nameof(events));
    }

    /// <summary>The patient, loaded again after a failed apply (its session may differ from the log).</summary>
    private async Task<DurablePatient> LoadAsync()
    {
        if (_patient is null or { IsBroken: true })
        {
            _patient = await DurablePatient.LoadAsync(runtime, store, this.GetPrimaryKeyString()).ConfigureAwait(true);
        }

        return _patient;
    }
}
