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
            Ids(json, "stored", change.StoredEventIds);
            Ids(json, "superseded", change.SupersededSources);
            Changed(json, "lines", change.Lines);
            Changed(json, "findings", change.Findings);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Changed(Utf8JsonWriter json, string name, ChangedIds ids)
    {
        json.WriteStartObject(name);
        Ids(json, "added", ids.Added);
        Ids(json, "changed", ids.Changed);
        Ids(json, "removed", ids.Removed);
        json.WriteEndObject();
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
