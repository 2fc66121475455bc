using System.Text.Json;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Serialization;

/// <summary>The clinician decision events of the patient event format: <c>lineDecided</c>, <c>listConfirmed</c> and <c>entryMatched</c> (docs/patient-events.md).</summary>
internal static class DecisionEventJson
{
    public static void Write(Utf8JsonWriter json, LineDecided decided)
    {
        json.WriteString("lineId", decided.LineId);
        json.WriteString("decision", LineDecisionKinds.ToName(decided.Kind));
        WriteClinician(json, decided.By);
        SourceListJsonWriter.WriteDate(json, "at", decided.At);
        json.WriteNumber("onSequence", decided.OnSequence);
        if (decided.Entry is { } entry)
        {
            json.WriteStartObject("entry");
            json.WriteString("sourceId", entry.Source);
            json.WriteString("entryId", entry.EntryId);
            json.WriteEndObject();
        }

        if (decided.DosageText is not null)
        {
            json.WriteString("dosageText", decided.DosageText);
        }

        if (decided.Reason is not null)
        {
            json.WriteString("reason", decided.Reason);
        }

        if (decided.Basis is { } basis)
        {
            WriteBasis(json, "basis", basis);
        }
    }

    public static void Write(Utf8JsonWriter json, ListConfirmed confirmed)
    {
        WriteClinician(json, confirmed.By);
        SourceListJsonWriter.WriteDate(json, "at", confirmed.At);
        json.WriteNumber("onSequence", confirmed.OnSequence);
        if (confirmed.Lines is { } lines)
        {
            json.WriteStartArray("lines");
            foreach (var line in lines)
            {
                json.WriteStartObject();
                json.WriteString("lineId", line.LineId);
                WriteBasis(json, "entries", line.Entries);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    public static void Write(Utf8JsonWriter json, EntryMatched matched)
    {
        json.WriteString("sourceId", matched.SourceId);
        json.WriteString("entryId", matched.EntryId);
        json.WriteString("atc", matched.Atc);
        WriteClinician(json, matched.By);
        SourceListJsonWriter.WriteDate(json, "at", matched.At);
        json.WriteNumber("onSequence", matched.OnSequence);
    }

    public static EntryMatched? ReadMatched(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        context.CheckFields(item, ["type", "eventId", "sourceId", "entryId", "atc", "clinician", "at", "onSequence"], where);
        var (sourceId, entryId, atc) = (Required(item, "sourceId", where, context), Required(item, "entryId", where, context), Required(item, "atc", where, context));
        var (by, at, onSequence) = (ReadClinician(item, where, context), RequiredDate(item, where, context), RequiredSequence(item, where, context));
        return sourceId is null || entryId is null || atc is null || by is null || at is null || onSequence is null
            ? null
            : new EntryMatched(sourceId, entryId, atc, by, at.Value, onSequence.Value);
    }

    public static LineDecided? ReadDecided(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        context.CheckFields(item, ["type", "eventId", "lineId", "decision", "clinician", "at", "onSequence", "entry", "dosageText", "reason", "basis"], where);
        var lineId = Required(item, "lineId", where, context);
        var name = Required(item, "decision", where, context);
        LineDecisionKind? kind = LineDecisionKinds.TryParse(name, out var parsed) ? parsed : null;
        if (name is not null && kind is null)
        {
            context.Error(InputIssueCodes.JsonUnknownCode, where, "decision", $"Unknown decision '{InputError.Cut(name)}'; expected one of {string.Join(", ", LineDecisionKinds.AllNames)}.");
        }

        var (by, at, onSequence) = (ReadClinician(item, where, context), RequiredDate(item, where, context), RequiredSequence(item, where, context));
        EntryReference? entry = null;
        if (item.TryGetProperty("entry", out var e))
        {
            context.CheckFields(e, ["sourceId", "entryId"], where, "entry.");
            entry = Required(e, "sourceId", where, context, "entry.") is { } sourceId && Required(e, "entryId", where, context, "entry.") is { } entryId ? new EntryReference(sourceId, entryId) : null;
        }

        var basis = item.TryGetProperty("basis", out var b) ? ReadBasis(b, where, context, "basis") : null;
        return lineId is null || kind is null || by is null || at is null || onSequence is null
            ? null
            : new LineDecided(lineId, kind.Value, by, at.Value, onSequence.Value)
            {
                Entry = entry, DosageText = context.String(item, "dosageText", where), Reason = context.String(item, "reason", where), Basis = basis,
            };
    }

    public static ListConfirmed? ReadConfirmed(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        context.CheckFields(item, ["type", "eventId", "clinician", "at", "onSequence", "lines"], where);
        var (by, at, onSequence) = (ReadClinician(item, where, context), RequiredDate(item, where, context), RequiredSequence(item, where, context));
        List<ConfirmedLineBasis>? lines = null;
        if (item.TryGetProperty("lines", out _))
        {
            lines = [];
            var index = 0;
            foreach (var line in context.Array(item, "lines", ""))
            {
                var prefix = $"lines[{index++}].";
                context.CheckFields(line, ["lineId", "entries"], where, prefix);
                if (Required(line, "lineId", where, context, prefix) is { } lineId && line.TryGetProperty("entries", out var entries)
                    && ReadBasis(entries, where, context, prefix + "entries") is { } basis)
                {
                    lines.Add(new ConfirmedLineBasis(lineId, basis));
                }
            }
        }

        return by is null || at is null || onSequence is null ? null : new ListConfirmed(by, at.Value, onSequence.Value) { Lines = lines };
    }

    /// <summary>A clinician as every decision format writes one: <c>{ id, role, name? }</c>.</summary>
    public static void WriteClinician(Utf8JsonWriter json, Clinician by)
    {
        json.WriteStartObject("clinician");
        json.WriteString("id", by.Id);
        json.WriteString("role", by.Role);
        if (by.Name is not null)
        {
            json.WriteString("name", by.Name);
        }

        json.WriteEndObject();
    }

    private static void WriteBasis(Utf8JsonWriter json, string name, IReadOnlyList<DecisionBasisEntry> basis)
    {
        json.WriteStartArray(name);
        foreach (var entry in basis)
        {
            json.WriteStartObject();
            json.WriteString("sourceId", entry.SourceId);
            json.WriteString("entryId", entry.EntryId);
            json.WriteString("status", EntryStatuses.ToName(entry.Status));
            if (entry.DosageText is not null)
            {
                json.WriteString("dosageText", entry.DosageText);
            }

            if (entry.DailyDose is not null)
            {
                json.WriteString("dailyDose", entry.DailyDose);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static List<DecisionBasisEntry>? ReadBasis(JsonElement array, string where, SourceListJsonReader.Context context, string field)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, field, "Must be an array of entries.");
            return null;
        }

        var basis = new List<DecisionBasisEntry>();
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var prefix = $"{field}[{index++}].";
            context.CheckFields(entry, ["sourceId", "entryId", "status", "dosageText", "dailyDose"], where, prefix);
            var status = Required(entry, "status", where, context, prefix);
            if (status is not null && !EntryStatuses.TryParse(status, out _))
            {
                context.Error(InputIssueCodes.JsonUnknownCode, where, prefix + "status", $"Unknown status '{InputError.Cut(status)}'.");
            }

            if (Required(entry, "sourceId", where, context, prefix) is { } sourceId && Required(entry, "entryId", where, context, prefix) is { } entryId
                && EntryStatuses.TryParse(status, out var parsed))
            {
                basis.Add(new DecisionBasisEntry(sourceId, entryId, parsed, context.String(entry, "dosageText", where, prefix), context.String(entry, "dailyDose", where, prefix)));
            }
        }

        return basis;
    }

    private static Clinician? ReadClinician(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        if (!item.TryGetProperty("clinician", out var by) || by.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonRequired, where, "clinician", "Required: the clinician who decided, { id, role, name? }.");
            return null;
        }

        context.CheckFields(by, ["id", "role", "name"], where, "clinician.");
        return Required(by, "id", where, context, "clinician.") is { } id && Required(by, "role", where, context, "clinician.") is { } role
            ? new Clinician(id, role, context.String(by, "name", where, "clinician."))
            : null;
    }

    private static DateTimeOffset? RequiredDate(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        var at = context.Date(item, "at", where);
        if (at is null && !item.TryGetProperty("at", out _))
        {
            context.Error(InputIssueCodes.JsonRequired, where, "at", "Required: when (ISO 8601 date-time with offset).");
        }

        return at;
    }

    private static long? RequiredSequence(JsonElement item, string where, SourceListJsonReader.Context context)
    {
        var sequence = context.Number(item, "onSequence", where);
        if (sequence is null && !item.TryGetProperty("onSequence", out _))
        {
            context.Error(InputIssueCodes.JsonRequired, where, "onSequence", "Required: the sequence number of the list decided on.");
        }

        if (sequence is { } n && (n < 0 || n != decimal.Truncate(n) || n > long.MaxValue))
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, "onSequence", "Must be a whole number, 0 or more.");
            return null;
        }

        return sequence is { } value ? (long)value : null;
    }

    private static string? Required(JsonElement item, string field, string where, SourceListJsonReader.Context context, string prefix = "")
    {
        var text = context.String(item, field, where, prefix);
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Error(InputIssueCodes.JsonRequired, where, prefix + field, "Required: a non-empty string.");
            return null;
        }

        return text;
    }
}
