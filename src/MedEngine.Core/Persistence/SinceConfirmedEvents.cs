using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Persistence;

/// <summary>Which events of a patient's log are behind each line that changed since the list was last confirmed.</summary>
public static class SinceConfirmedEvents
{
    /// <summary>Reads the log after the last <c>listConfirmed</c> event and finds, for each new, gone or changed line, the events that touched its entries.</summary>
    /// <param name="store">The event store.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="confirmed">The patient's confirmed list now.</param>
    /// <param name="current">The reconciled list now (for the entries of new lines).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>For each line id, the sequence numbers of the events behind its change, in order.</returns>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<long>>> FindAsync(
        IPatientEventStore store, string patientId, ConfirmedList confirmed, ReconciliationResult current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentNullException.ThrowIfNull(current);
        var found = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        if (confirmed.Confirmation is null || confirmed.Since.IsEmpty)
        {
            return found;
        }

        var after = (await store.ReadTypeAsync(patientId, "listConfirmed", cancellationToken).ConfigureAwait(false)).LastOrDefault()?.Sequence ?? 0;
        var events = (await store.ReadAsync(patientId, after, cancellationToken).ConfigureAwait(false)).Where(e => !PatientRecordTypes.IsRecord(e.Type))
            .Select(e => (e.Sequence, Event: PatientEventJson.Read(e.Payload, $"patient '{patientId}' event {e.Sequence}").Events.SingleOrDefault()?.Event))
            .ToList();
        var entriesOf = confirmed.Since.Changed.ToDictionary(c => c.LineId, c => c.Entries.Concat(c.Removed).ToList(), StringComparer.Ordinal);
        foreach (var id in confirmed.Since.New)
        {
            entriesOf[id] = current.Lines.Single(l => l.Id == id).Entries.Select(e => new EntryReference(e.Source.Id, e.Entry.EntryId)).ToList();
        }

        foreach (var id in confirmed.Since.Gone)
        {
            entriesOf[id] = confirmed.Confirmation.Lines?.FirstOrDefault(l => l.LineId == id)?.Entries.Select(e => new EntryReference(e.SourceId, e.EntryId)).ToList() ?? [];
        }

        foreach (var (lineId, entries) in entriesOf)
        {
            found[lineId] = events.Where(e => e.Event is not null && entries.Any(r => Touches(e.Event, r))).Select(e => e.Sequence).ToList();
        }

        return found;
    }

    private static bool Touches(PatientEvent patientEvent, EntryReference entry) => patientEvent switch
    {
        SourceListReplaced replaced => replaced.List.Source.Id == entry.Source,
        EntryUpserted upserted => upserted.Source.Id == entry.Source && upserted.Entry.EntryId == entry.EntryId,
        EntryStopped stopped => stopped.SourceId == entry.Source && stopped.EntryId == entry.EntryId,
        EntryRemoved removed => removed.SourceId == entry.Source && removed.EntryId == entry.EntryId,
        SourceRemoved removed => removed.SourceId == entry.Source,
        _ => false,
    };
}
