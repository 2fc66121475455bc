using System.Buffers;
using System.Text.Json;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Serialization;

/// <summary>A patient event with the sender's idempotency key, as read from the patient event format.</summary>
/// <param name="EventId">The sender's id for the event: delivered twice, it is applied once. <see langword="null"/> when not given.</param>
/// <param name="Event">The event.</param>
public sealed record IdentifiedPatientEvent(string? EventId, PatientEvent Event);

/// <summary>The events read from one document, and every problem found, each naming the event and the field.</summary>
/// <param name="Events">The events without problems, in document order.</param>
/// <param name="Errors">The problems; an event with a problem is left out and named.</param>
public sealed record PatientEventsReadResult(IReadOnlyList<IdentifiedPatientEvent> Events, IReadOnlyList<InputError> Errors);

/// <summary>
/// The patient event format (<c>docs/patient-events.md</c>): one JSON object per event with a <c>type</c>, the sources, entries
/// and patient facts written as in the source list format. It is the body of <c>POST /patients/{id}/events</c> and the
/// payload of every event in a patient's event store, so what is stored reads back to an equal event.
/// </summary>
public static class PatientEventJson
{
    /// <summary>The event types, as written in <c>type</c>.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["sourceListReplaced", "entryUpserted", "entryStopped", "entryRemoved", "sourceRemoved", "patientContextChanged", "lineDecided", "listConfirmed", "entryMatched"];

    /// <summary>Writes one event as one compact JSON object.</summary>
    /// <param name="patientEvent">The event.</param>
    /// <param name="eventId">The idempotency key to write with it, if any.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentException">The event is of a type this format does not know.</exception>
    public static string Write(PatientEvent patientEvent, string? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(patientEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", TypeOf(patientEvent));
            if (eventId is not null)
            {
                json.WriteString("eventId", eventId);
            }

            switch (patientEvent)
            {
                case SourceListReplaced replaced:
                    json.WritePropertyName("list");
                    SourceListJsonWriter.WriteList(json, replaced.List, null);
                    break;
                case EntryUpserted upserted:
                    SourceListJsonWriter.WriteSource(json, upserted.Source);
                    json.WritePropertyName("entry");
                    SourceListJsonWriter.WriteEntry(json, upserted.Entry);
                    break;
                case EntryStopped stopped:
                    json.WriteString("sourceId", stopped.SourceId);
                    json.WriteString("entryId", stopped.EntryId);
                    SourceListJsonWriter.WriteDate(json, "stoppedAt", stopped.StoppedAt);
                    if (stopped.Reason is not null)
                    {
                        json.WriteString("reason", stopped.Reason);
                    }

                    break;
                case EntryRemoved removed:
                    json.WriteString("sourceId", removed.SourceId);
                    json.WriteString("entryId", removed.EntryId);
                    break;
                case SourceRemoved removed:
                    json.WriteString("sourceId", removed.SourceId);
                    break;
                case PatientContextChanged changed:
                    json.WritePropertyName("patient");
                    SourceListJsonWriter.WritePatient(json, changed.Patient);
                    break;
                case LineDecided decided:
                    DecisionEventJson.Write(json, decided);
                    break;
                case ListConfirmed confirmed:
                    DecisionEventJson.Write(json, confirmed);
                    break;
                case EntryMatched matched:
                    DecisionEventJson.Write(json, matched);
                    break;
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The <c>type</c> name of an event.</summary>
    /// <param name="patientEvent">The event.</param>
    /// <returns>One of <see cref="Types"/>.</returns>
    /// <exception cref="ArgumentException">The event is of a type this format does not know.</exception>
    public static string TypeOf(PatientEvent patientEvent) => patientEvent switch
    {
        SourceListReplaced => "sourceListReplaced",
        EntryUpserted => "entryUpserted",
        EntryStopped => "entryStopped",
        EntryRemoved => "entryRemoved",
        SourceRemoved => "sourceRemoved",
        PatientContextChanged => "patientContextChanged",
        LineDecided => "lineDecided",
        ListConfirmed => "listConfirmed",
        EntryMatched => "entryMatched",
        _ => throw new ArgumentException($"The patient event format has no type for {patientEvent?.GetType().Name ?? "null"}.", nameof(patientEvent)),
    };

    /// <summary>Writes events as one JSON array (what <see cref="Read"/> reads back).</summary>
    /// <param name="events">The events, each with its idempotency key if it has one.</param>
    /// <returns>The JSON.</returns>
    public static string WriteAll(IEnumerable<IdentifiedPatientEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return "[" + string.Join(",", events.Select(e => Write(e.Event, e.EventId))) + "]";
    }

    /// <summary>Reads one event object, or an array of them, reporting every problem together.</summary>
    /// <param name="content">The JSON.</param>
    /// <param name="file">Where it came from, for the errors (a file name, or a request such as <c>POST /patients/p1/events</c>).</param>
    /// <returns>The events without problems and the problems.</returns>
    public static PatientEventsReadResult Read(string content, string file)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);
        var context = new SourceListJsonReader.Context(file);
        var events = new List<IdentifiedPatientEvent>();
        if (context.Parse(content) is not { } document)
        {
            return new PatientEventsReadResult(events, context.Errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    ReadEvent(item, $"#{index++}", context, events);
                }
            }
            else
            {
                ReadEvent(root, "event", context, events);
            }
        }

        return new PatientEventsReadResult(events, context.Errors);
    }

    private static void ReadEvent(JsonElement item, string where, SourceListJsonReader.Context context, List<IdentifiedPatientEvent> events)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, null, "An event must be a JSON object with a 'type'.");
            return;
        }

        var issues = context.Count;
        var type = context.String(item, "type", where);
        var eventId = context.String(item, "eventId", where);
        if (eventId is not null && string.IsNullOrWhiteSpace(eventId))
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, "eventId", "Must not be blank; leave it out to have none.");
        }

        PatientEvent? read;
        switch (type)
        {
            case "sourceListReplaced":
                context.CheckFields(item, ["type", "eventId", "list"], where);
                read = ReadList(item, where, context);
                break;
            case "entryUpserted":
                context.CheckFields(item, ["type", "eventId", "source", "entry"], where);
                var source = SourceListJsonReader.ReadSource(item, context, null);
                var entry = item.TryGetProperty("entry", out var e) ? SourceListJsonReader.ReadEntry(e, 0, context) : null;
                if (entry is null && !item.TryGetProperty("entry", out _))
                {
                    context.Error(InputIssueCodes.JsonRequired, where, "entry", "Required: the entry as in a source list.");
                }

                read = source is not null && entry is not null ? new EntryUpserted(source, entry) : null;
                break;
            case "entryStopped":
                context.CheckFields(item, ["type", "eventId", "sourceId", "entryId", "stoppedAt", "reason"], where);
                var stoppedAt = context.Date(item, "stoppedAt", where);
                if (stoppedAt is null && !item.TryGetProperty("stoppedAt", out _))
                {
                    context.Error(InputIssueCodes.JsonRequired, where, "stoppedAt", "Required: when the entry was stopped (ISO 8601).");
                }

                read = Id(item, "sourceId", where, context) is { } stopSource && Id(item, "entryId", where, context) is { } stopEntry && stoppedAt is { } at
                    ? new EntryStopped(stopSource, stopEntry, at, context.String(item, "reason", where))
                    : null;
                break;
            case "entryRemoved":
                context.CheckFields(item, ["type", "eventId", "sourceId", "entryId"], where);
                read = Id(item, "sourceId", where, context) is { } removeSource && Id(item, "entryId", where, context) is { } removeEntry
                    ? new EntryRemoved(removeSource, removeEntry)
                    : null;
                break;
            case "sourceRemoved":
                context.CheckFields(item, ["type", "eventId", "sourceId"], where);
                read = Id(item, "sourceId", where, context) is { } removedSource ? new SourceRemoved(removedSource) : null;
                break;
            case "patientContextChanged":
                context.CheckFields(item, ["type", "eventId", "patient"], where);
                if (item.TryGetProperty("patient", out var patient))
                {
                    read = SourceListJsonReader.ReadPatient(patient, context) is { } facts ? new PatientContextChanged(facts) : null;
                }
                else
                {
                    context.Error(InputIssueCodes.JsonRequired, where, "patient", "Required: the patient's facts as in a source list.");
                    read = null;
                }

                break;
            case "lineDecided":
                read = DecisionEventJson.ReadDecided(item, where, context);
                break;
            case "listConfirmed":
                read = DecisionEventJson.ReadConfirmed(item, where, context);
                break;
            case "entryMatched":
                read = DecisionEventJson.ReadMatched(item, where, context);
                break;
            case null:
                context.Error(InputIssueCodes.JsonRequired, where, "type", $"Required: one of {string.Join(", ", Types)}.");
                return;
            default:
                context.Error(InputIssueCodes.JsonUnknownCode, where, "type", $"Unknown event type '{type}'; expected one of {string.Join(", ", Types)}.");
                return;
        }

        if (read is not null && context.Count == issues)
        {
            events.Add(new IdentifiedPatientEvent(eventId, read));
        }
    }

    private static SourceListReplaced? ReadList(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        if (!item.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonRequired, where, "list", "Required: the source's whole list, as a source list with 'source' and 'entries'.");
            return null;
        }

        context.CheckFields(list, ["source", "entries"], where, "list.");
        var source = SourceListJsonReader.ReadSource(list, context, null);
        var entries = SourceListJsonReader.ReadEntries(list, context);
        return source is null ? null : new SourceListReplaced(new SourceList(source, entries));
    }

    private static string? Id(JsonElement item, string field, string where, SourceListJsonReader.Context context)
    {
        var id = context.String(item, field, where);
        if (string.IsNullOrWhiteSpace(id))
        {
            context.Error(InputIssueCodes.JsonRequired, where, field, "Required: a non-empty id.");
            return null;
        }

        return id;
    }
}
