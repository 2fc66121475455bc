using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Persistence;

/// <summary>
/// One patient's warm session backed by the event store: loaded by folding the patient's log, and changed only by events that
/// were first applied to the session and then stored. Redelivered events (by event id) change nothing. Not thread-safe: one
/// caller at a time per patient (<see cref="PatientService"/> locks, an Orleans grain is single-threaded). After an exception
/// from <see cref="ApplyAsync"/> the instance is broken (<see cref="IsBroken"/>) and must be loaded again.
/// </summary>
public sealed class DurablePatient
{
    private readonly MedEngineRuntime _runtime;
    private readonly IPatientEventStore _store;
    private long _snapshotAt;

    private DurablePatient(MedEngineRuntime runtime, IPatientEventStore store, string patientId, PatientSession session, long sequence, string? recordedRules)
    {
        _runtime = runtime;
        _store = store;
        PatientId = patientId;
        Session = session;
        Sequence = sequence;
        RecordedRuleSetHash = recordedRules;
    }

    /// <summary>The patient.</summary>
    public string PatientId { get; }

    /// <summary>The warm session: the list, the findings and the patient's facts as of <see cref="Sequence"/>.</summary>
    public PatientSession Session { get; }

    /// <summary>The last event folded in (records, <see cref="PatientRecordTypes"/>, are not folded); 0 for a patient whose list the store has never been given.</summary>
    public long Sequence { get; private set; }

    /// <summary>Which rules evaluated the last event when it was stored, if recorded.</summary>
    public string? RecordedRuleSetHash { get; private set; }

    /// <summary>Whether an apply failed half-way: the session may differ from the log, so load the patient again.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>The state now, with which rules produced it.</summary>
    public PatientSnapshot Snapshot => new(PatientId, Sequence, new PatientEvaluation(Session.List, Session.Findings), RecordedRuleSetHash, _runtime.RuleSetHash, Session.Patient)
    {
        Decisions = Session.Decisions, Confirmed = Session.Confirmed,
    };

    /// <summary>How many events a patient gets between two snapshots (when the store keeps them).</summary>
    public const int SnapshotInterval = 16;

    /// <summary>
    /// Loads a patient by folding its log (up to a sequence number, when given) into a fresh session: from the latest snapshot
    /// and the events after it when the store keeps snapshots (<see cref="IPatientSnapshotStore"/>) and the snapshot is not
    /// past <paramref name="atSequence"/>, else from the first event.
    /// </summary>
    /// <param name="runtime">The engine.</param>
    /// <param name="store">The event store.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="atSequence">Fold only the events up to this sequence number (for audit: the list as it was); all when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The patient; <see cref="Sequence"/> 0 when the store has never seen it.</returns>
    /// <exception cref="InvalidDataException">A stored event cannot be read or applied; the message names the patient and sequence.</exception>
    public static async Task<DurablePatient> LoadAsync(MedEngineRuntime runtime, IPatientEventStore store, string patientId, long? atSequence = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var snapshot = store is IPatientSnapshotStore snapshots ? await snapshots.ReadSnapshotAsync(patientId, cancellationToken).ConfigureAwait(false) : null;
        var start = snapshot is not null && snapshot.Sequence <= (atSequence ?? long.MaxValue) && ReadAll(snapshot.Payload, patientId) is { } state ? state : null;
        var events = new List<PatientEvent>(start ?? []);
        long sequence = start is null ? 0 : snapshot!.Sequence;
        var rules = start is null ? null : snapshot!.RuleSetHash;
        foreach (var e in await store.ReadAsync(patientId, sequence, cancellationToken).ConfigureAwait(false))
        {
            if (atSequence is { } at && e.Sequence > at)
            {
                break;
            }

            if (PatientRecordTypes.IsRecord(e.Type))
            {
                continue;
            }

            events.Add(Read(e));
            sequence = e.Sequence;
            rules = e.RuleSetHash;
        }

        var session = runtime.OpenSession();
        try
        {
            session.ApplyAll(events);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Patient '{patientId}': the stored events up to sequence {sequence} cannot be applied: {e.Message}", e);
        }

        return new DurablePatient(runtime, store, patientId, session, sequence, rules) { _snapshotAt = start is null ? 0 : snapshot!.Sequence };
    }

    /// <summary>
    /// Applies events and stores them; completes when they are durable. Events whose id is already in the log are left out; when
    /// every event was delivered before, nothing changes.
    /// </summary>
    /// <param name="events">The events, in order.</param>
    /// <param name="cancellationToken">Cancels the store's write (the instance is then broken).</param>
    /// <returns>What was stored and what it changed.</returns>
    /// <exception cref="PatientEventRejectedException">An event names a source or entry the patient does not have; nothing was stored.</exception>
    public async Task<PatientChange> ApplyAsync(IReadOnlyList<IdentifiedPatientEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ObjectDisposedException.ThrowIf(IsBroken, this);
        var ids = events.Select(e => e.EventId).OfType<string>().ToList();
        var delivered = ids.Count == 0 || Sequence == 0
            ? new Dictionary<string, StoredPatientEvent>()
            : await _store.FindAsync(PatientId, ids, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(delivered.Keys, StringComparer.Ordinal);
        var fresh = events.Where(e => e.EventId is null || seen.Add(e.EventId)).ToList();
        if (fresh.Count == 0)
        {
            return PatientChange.Redelivery(PatientId, Sequence);
        }

        IsBroken = true;
        PatientDelta delta;
        try
        {
            delta = Session.ApplyAll(fresh.Select(e => e.Event));
        }
        catch (ArgumentException e)
        {
            throw new PatientEventRejectedException($"Patient '{PatientId}': {e.Message} Nothing was stored.", e);
        }

        var received = _runtime.Time.GetUtcNow();
        var rules = _runtime.RuleSetHash;
        var records = fresh.Select(e => new NewPatientEvent(e.EventId ?? Guid.NewGuid().ToString("D"), PatientEventJson.TypeOf(e.Event), PatientEventJson.Write(e.Event), received, rules)).ToList();
        var stored = await _store.AppendAsync(PatientId, records, cancellationToken).ConfigureAwait(false);
        Sequence = stored[^1].Sequence;
        RecordedRuleSetHash = rules;
        IsBroken = false;
        if (_store is IPatientSnapshotStore snapshots && Sequence - _snapshotAt >= SnapshotInterval)
        {
            // The events are durable already; the snapshot only shortens the next load, so it is written after them and a
            // failure to write it is not the caller's: the next change tries again.
            try
            {
                await snapshots.SaveSnapshotAsync(new StoredSnapshot(PatientId, Sequence, PatientEventJson.WriteAll(Snapshot.Events.Select(e => new IdentifiedPatientEvent(null, e))), rules), cancellationToken).ConfigureAwait(false);
                _snapshotAt = Sequence;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                MedEngineTelemetry.SnapshotFailed(e);
            }
        }

        return PatientChange.Of(PatientId, stored, delta);
    }

    /// <summary>
    /// Replaces one source's list and merges the facts it gives about the patient with those already known, the newest first
    /// (as files do in <c>reconcile</c>); the patient's id stays <see cref="PatientId"/>. Completes when durable.
    /// </summary>
    /// <param name="list">The source's whole list.</param>
    /// <param name="facts">What the source says about the patient, if anything.</param>
    /// <param name="eventId">The idempotency key, if the sender gave one (the facts are stored under it plus <c>#patient</c>).</param>
    /// <param name="cancellationToken">Cancels the store's write.</param>
    /// <returns>What was stored and what it changed.</returns>
    public Task<PatientChange> ReplaceSourceAsync(SourceList list, PatientContext? facts, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        var replaced = new IdentifiedPatientEvent(eventId, new SourceListReplaced(list));
        var merged = facts is null ? null : PatientContexts.Merge([facts, Session.Patient])! with { Id = PatientId };
        return ApplyAsync(merged is null ? [replaced] : [replaced, new IdentifiedPatientEvent(eventId is null ? null : eventId + "#patient", new PatientContextChanged(merged))], cancellationToken);
    }

    /// <summary>The events of a snapshot, or <see langword="null"/> when it cannot be read (the load then folds the whole log).</summary>
    private static IEnumerable<PatientEvent>? ReadAll(string payload, string patientId)
    {
        var read = PatientEventJson.Read(payload, $"patient '{patientId}' snapshot");
        return read.Errors.Count == 0 ? read.Events.Select(e => e.Event) : null;
    }

    private static PatientEvent Read(StoredPatientEvent stored)
    {
        var read = PatientEventJson.Read(stored.Payload, $"patient '{stored.PatientId}' event {stored.Sequence}");
        return read.Errors.Count == 0 && read.Events.Count == 1
            ? read.Events[0].Event
            : throw new InvalidDataException($"Patient '{stored.PatientId}': stored event {stored.Sequence} ({stored.Type}) cannot be read: "
                + string.Join("; ", read.Errors.Select(e => e.ToString())));
    }
}
