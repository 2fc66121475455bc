using MedEngine.Model;

namespace MedEngine.Reconciliation;

/// <summary>Something that happened to one source's list. A patient's reconciled list is the fold of its source events.</summary>
public abstract record SourceEvent : PatientEvent
{
    private protected SourceEvent()
    {
    }
}

/// <summary>A source's whole list was received, replacing what it said before.</summary>
/// <param name="List">The new list.</param>
public sealed record SourceListReplaced(SourceList List) : SourceEvent;

/// <summary>One entry was added to a source's list or changed in it. The source (with its confirmation) is updated too.</summary>
/// <param name="Source">The source, as it now stands.</param>
/// <param name="Entry">The entry as it now stands.</param>
public sealed record EntryUpserted(MedicationSource Source, MedicationEntry Entry) : SourceEvent;

/// <summary>An entry was stopped (seponert) in its source.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="EntryId">The entry id.</param>
/// <param name="StoppedAt">When it was stopped.</param>
/// <param name="Reason">Why, as written.</param>
public sealed record EntryStopped(string SourceId, string EntryId, DateTimeOffset StoppedAt, string? Reason = null) : SourceEvent;

/// <summary>An entry was removed from its source's list.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="EntryId">The entry id.</param>
public sealed record EntryRemoved(string SourceId, string EntryId) : SourceEvent;

/// <summary>A source no longer contributes a list (for example it was attached to the wrong patient).</summary>
/// <param name="SourceId">The source id.</param>
public sealed record SourceRemoved(string SourceId) : SourceEvent;
