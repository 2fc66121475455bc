using System.Globalization;
using System.Text.Json;
using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Serialization;

/// <summary>
/// Writes the parts of the MedEngine source list format (<c>docs/source-list-format.md</c>) that <see cref="SourceListJsonReader"/>
/// reads back to equal values: the source header, the patient block and entries. Dates keep their offset and every digit.
/// </summary>
internal static class SourceListJsonWriter
{
    public static void WriteList(Utf8JsonWriter json, SourceList list, PatientContext? patient)
    {
        json.WriteStartObject();
        WriteSource(json, list.Source);
        if (patient is not null)
        {
            json.WritePropertyName("patient");
            WritePatient(json, patient);
        }

        json.WriteStartArray("entries");
        foreach (var entry in list.Entries)
        {
            WriteEntry(json, entry);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the <c>source</c> property.</summary>
    public static void WriteSource(Utf8JsonWriter json, MedicationSource source)
    {
        json.WriteStartObject("source");
        json.WriteString("id", source.Id);
        json.WriteString("kind", SourceKinds.ToName(source.Kind));
        if (source.Version is { } version)
        {
            json.WriteNumber("version", version);
        }

        WriteDate(json, "lastConfirmed", source.LastConfirmed);
        WriteString(json, "confirmedBy", source.ConfirmedBy);
        json.WriteEndObject();
    }

    public static void WritePatient(Utf8JsonWriter json, PatientContext patient)
    {
        json.WriteStartObject();
        WriteString(json, "id", patient.Id);
        if (patient.BirthDate is { } birth)
        {
            json.WriteString("birthDate", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        WriteString(json, "sex", patient.Sex);
        if (patient.WeightKg is { } weight)
        {
            json.WriteNumber("weightKg", weight);
        }

        if (patient.Pregnant is { } pregnant)
        {
            json.WriteBoolean("pregnant", pregnant);
        }

        WriteCodes(json, "conditions", patient.Conditions);
        WriteCodes(json, "allergies", patient.Allergies);
        json.WriteStartArray("labs");
        foreach (var lab in patient.Labs)
        {
            json.WriteStartObject();
            json.WriteString("test", lab.Code.System == SourceListJsonReader.LabCodeSystem ? lab.Code.Code : lab.Code.System + ":" + lab.Code.Code);
            WriteString(json, "display", lab.Code.Display);
            if (lab.Value is { } value)
            {
                json.WriteNumber("value", value);
            }

            WriteString(json, "unit", lab.Unit);
            WriteDate(json, "date", lab.Effective);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteEntry(Utf8JsonWriter json, MedicationEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.EntryId);
        WriteString(json, "name", entry.Name);
        json.WriteStartArray("codes");
        foreach (var coding in entry.Codings)
        {
            json.WriteStartObject();
            json.WriteString("system", CodeSystemNames.ToName(coding.System));
            json.WriteString("code", coding.Code);
            WriteString(json, "display", coding.Display);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("substances");
        foreach (var substance in entry.Substances)
        {
            json.WriteStartObject();
            json.WriteString("name", substance.Name);
            WriteQuantity(json, "strength", substance.Strength);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteString(json, "form", entry.Form);
        WriteString(json, "route", entry.Route);
        WriteQuantity(json, "dose", entry.Dose);
        WriteNumber(json, "timesPerDay", entry.TimesPerDay);
        if (entry.AsNeeded)
        {
            json.WriteBoolean("asNeeded", true);
        }

        WriteNumber(json, "maxTimesPerDay", entry.MaxTimesPerDay);
        WriteString(json, "dosageText", entry.DosageText);
        WriteDate(json, "start", entry.Start);
        WriteDate(json, "end", entry.End);
        json.WriteString("status", EntryStatuses.ToName(entry.Status));
        WriteDate(json, "lastChanged", entry.LastChanged);
        WriteString(json, "recordedBy", entry.RecordedBy);
        WriteString(json, "reason", entry.Reason);
        json.WriteEndObject();
    }

    private static void WriteCodes(Utf8JsonWriter json, string name, IReadOnlyList<ClinicalCode> codes)
    {
        json.WriteStartArray(name);
        foreach (var code in codes)
        {
            json.WriteStartObject();
            json.WriteString("system", code.System);
            json.WriteString("code", code.Code);
            WriteString(json, "display", code.Display);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteQuantity(Utf8JsonWriter json, string name, Quantity? quantity)
    {
        if (quantity is not null)
        {
            json.WriteString(name, quantity.Value.ToString(CultureInfo.InvariantCulture) + " " + quantity.Unit.Symbol);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    internal static void WriteDate(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, date.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
