using MedEngine.Persistence;
using Orleans.Concurrency;

namespace MedEngine.Orleans;

/// <summary>
/// One patient, hosted by whichever silo activates it: the patient's session over the event store, one call at a time.
/// The key is the patient id. Hosts reach it through <see cref="PatientGrainService"/> (the <c>IPatientService</c> of a
/// cluster node); events travel in the patient event format (<c>docs/patient-events.md</c>).
/// </summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Applies events and stores them; completes when durable.</summary>
    /// <param name="events">A JSON array of events in the patient event format, each with its <c>eventId</c> when it has one.</param>
    /// <returns>What was stored and changed.</returns>
    Task<PatientChange> ApplyAsync(string events);

    /// <summary>Replaces one source's list and merges the facts it gives about the patient (<c>DurablePatient.ReplaceSourceAsync</c>).</summary>
    /// <param name="list">The list as one <c>sourceListReplaced</c> event.</param>
    /// <param name="facts">What the source says about the patient as one <c>patientContextChanged</c> event, if anything.</param>
    /// <param name="eventId">The idempotency key, if the sender gave one.</param>
    /// <returns>What was stored and changed.</returns>
    Task<PatientChange> ReplaceSourceAsync(string list, string? facts, string? eventId);

    /// <summary>The patient's state now, as the events that rebuild it.</summary>
    /// <returns>The state; <see langword="null"/> for a patient the store has never seen.</returns>
    Task<PatientGrainState?> GetAsync();

    /// <summary>Sends each durable change to a watcher until <see cref="UnwatchAsync"/>, or 2 minutes after the last call to this method (call it again every 10 s).</summary>
    /// <param name="watcher">The watcher (<c>IGrainFactory.CreateObjectReference</c>).</param>
    /// <returns>When the watcher is registered.</returns>
    Task WatchAsync(IPatientWatcher watcher);

    /// <summary>Stops sending changes to a watcher.</summary>
    /// <param name="watcher">The watcher.</param>
    /// <returns>When the watcher is removed.</returns>
    Task UnwatchAsync(IPatientWatcher watcher);
}

/// <summary>Receives a patient's changes (an open screen on any node).</summary>
public interface IPatientWatcher : IGrainObserver
{
    /// <summary>One durable change of the watched patient.</summary>
    /// <param name="change">The change.</param>
    /// <returns>When received.</returns>
    [OneWay]
    Task OnChangedAsync(PatientChange change);
}

/// <summary>A patient's state as one silo holds it, as the events that rebuild it.</summary>
/// <param name="Sequence">The last event folded in.</param>
/// <param name="Events">A JSON array of events (each held source list, then the patient's facts) in the patient event format.</param>
/// <param name="RecordedRuleSetHash">Which rules evaluated the last event when it was stored, if recorded.</param>
/// <param name="Silo">The silo that answered.</param>
[GenerateSerializer]
[Immutable]
public sealed record PatientGrainState([property: Id(0)] long Sequence, [property: Id(1)] string Events, [property: Id(2)] string? RecordedRuleSetHash, [property: Id(3)] string Silo);
