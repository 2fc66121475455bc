using System.Text.Json;
using MedEngine.Persistence;

namespace MedEngine.CdsHooks.Patients;

/// <summary>
/// The JSON of one accepted change (the answer to <c>PUT</c> and <c>POST</c>, and each Server-Sent Event): the patient, the
/// new sequence, whether it was a redelivery, the lists superseded, and the ids of the lines and findings added, changed and
/// removed (<c>docs/patient-api.md</c>).
/// </summary>
internal static class PatientChangeJson
{
    public static string Write(PatientChange change)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("patientId", change.PatientId);
            json.WriteNumber("sequence", change.Sequence);
            json.WriteBoolean("redelivery", change.IsRedelivery);
            Ids(json, "stored", change.Stored.Select(e => e.EventId));
            Ids(json, "superseded", change.Delta.List.Superseded.Select(s => s.List.Source.Id));
            json.WriteStartObject("lines");
            Ids(json, "added", change.Delta.List.AddedLines.Select(l => l.Id));
            Ids(json, "changed", change.Delta.List.ChangedLines.Select(l => l.Id));
            Ids(json, "removed", change.Delta.List.RemovedLineIds);
            json.WriteEndObject();
            json.WriteStartObject("findings");
            Ids(json, "added", change.Delta.Findings.Added.Select(f => f.Key));
            Ids(json, "changed", change.Delta.Findings.Changed.Select(f => f.Key));
            Ids(json, "removed", change.Delta.Findings.Removed);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Ids(Utf8JsonWriter json, string name, IEnumerable<string> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }
}
