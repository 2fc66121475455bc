using System.Text.Json;
using MedEngine.Reconciliation;

namespace MedEngine.Serialization;

/// <summary>
/// Writes the confirmed list (<see cref="ConfirmedList"/>) as JSON: the status, the last confirmation, every line with its
/// decision, the open lines and what changed since the confirmation (docs/confirmed-list.md).
/// </summary>
public static class ConfirmedListJsonWriter
{
    /// <summary>Writes the whole confirmed list.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="sequence">The sequence number of the list now.</param>
    /// <param name="confirmed">The confirmed list.</param>
    /// <param name="stream">Where to write.</param>
    public static void Write(string patientId, long sequence, ConfirmedList confirmed, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, ReconciliationJsonWriter.Options);
        WriteHead(json, patientId, sequence, confirmed);
        json.WriteStartArray("lines");
        foreach (var line in confirmed.Lines)
        {
            json.WriteStartObject();
            json.WriteString("lineId", line.Line.Id);
            json.WriteBoolean("open", line.IsOpen);
            json.WritePropertyName("decision");
            WriteDecision(json, line.Decision);
            json.WritePropertyName("line");
            ReconciliationJsonWriter.WriteLine(json, line.Line);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "open", confirmed.Open.Select(l => l.Line.Id));
        WriteSince(json, confirmed.Since);
        json.WriteEndObject();
    }

    /// <summary>Writes what changed since the last confirmation, with the sequence numbers of the events behind each changed line.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="sequence">The sequence number of the list now.</param>
    /// <param name="confirmed">The confirmed list.</param>
    /// <param name="eventsBehind">For each changed, new or gone line, the sequence numbers of the events since the confirmation that touched it.</param>
    /// <param name="stream">Where to write.</param>
    public static void WriteSince(string patientId, long sequence, ConfirmedList confirmed, IReadOnlyDictionary<string, IReadOnlyList<long>> eventsBehind, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentNullException.ThrowIfNull(eventsBehind);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, ReconciliationJsonWriter.Options);
        WriteHead(json, patientId, sequence, confirmed);
        WriteSince(json, confirmed.Since, eventsBehind);
        json.WriteEndObject();
    }

    private static void WriteHead(Utf8JsonWriter json, string patientId, long sequence, ConfirmedList confirmed)
    {
        json.WriteStartObject();
        json.WriteString("patientId", patientId);
        json.WriteNumber("sequence", sequence);
        json.WriteString("status", StatusName(confirmed.Status));
        json.WritePropertyName("confirmation");
        if (confirmed.Confirmation is { } confirmation)
        {
            json.WriteStartObject();
            DecisionEventJson.WriteClinician(json, confirmation.By);
            SourceListJsonWriter.WriteDate(json, "at", confirmation.At);
            json.WriteNumber("onSequence", confirmation.OnSequence);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>The name of a status as the JSON writes it.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>notReconciled</c>, <c>partlyReconciled</c>, <c>complete</c> or <c>stale</c>.</returns>
    public static string StatusName(ReconciliationStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static void WriteDecision(Utf8JsonWriter json, LineDecided? decision)
    {
        if (decision is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("decision", LineDecisionKinds.ToName(decision.Kind));
        DecisionEventJson.WriteClinician(json, decision.By);
        SourceListJsonWriter.WriteDate(json, "at", decision.At);
        json.WriteNumber("onSequence", decision.OnSequence);
        if (decision.Entry is { } entry)
        {
            json.WriteStartObject("entry");
            json.WriteString("sourceId", entry.Source);
            json.WriteString("entryId", entry.EntryId);
            json.WriteEndObject();
        }

        json.WriteString("dosageText", decision.DosageText);
        json.WriteString("reason", decision.Reason);
        json.WriteEndObject();
    }

    private static void WriteSince(Utf8JsonWriter json, ChangesSinceConfirmed since, IReadOnlyDictionary<string, IReadOnlyList<long>>? eventsBehind = null)
    {
        json.WriteStartObject("sinceConfirmed");
        WriteLines(json, "new", since.New, eventsBehind);
        WriteLines(json, "gone", since.Gone, eventsBehind);
        json.WriteStartArray("changed");
        foreach (var line in since.Changed)
        {
            json.WriteStartObject();
            json.WriteString("lineId", line.LineId);
            WriteReferences(json, "entries", line.Entries);
            WriteReferences(json, "removed", line.Removed);
            if (eventsBehind is not null)
            {
                WriteNumbers(json, "events", eventsBehind.GetValueOrDefault(line.LineId) ?? []);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLines(Utf8JsonWriter json, string name, IReadOnlyList<string> lineIds, IReadOnlyDictionary<string, IReadOnlyList<long>>? eventsBehind)
    {
        json.WriteStartArray(name);
        foreach (var id in lineIds)
        {
            json.WriteStartObject();
            json.WriteString("lineId", id);
            if (eventsBehind is not null)
            {
                WriteNumbers(json, "events", eventsBehind.GetValueOrDefault(id) ?? []);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteReferences(Utf8JsonWriter json, string name, IReadOnlyList<EntryReference> references)
    {
        json.WriteStartArray(name);
        foreach (var reference in references)
        {
            json.WriteStartObject();
            json.WriteString("sourceId", reference.Source);
            json.WriteString("entryId", reference.EntryId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<long> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
