using System.Text.Json;
using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Serialization;

/// <summary>
/// Reads the MedEngine source list format (<c>docs/source-list-format.md</c>): one source list, and the patient's facts when given.
/// Every problem is reported with the file, the entry and the field, all at once; an entry with a problem is left out, a patient
/// block with a problem is left out, and a source header with a problem leaves out the whole list (its entries cannot be attributed).
/// </summary>
public sealed class SourceListJsonReader : ISourceReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    /// <summary>The code system of a lab test named by MedEngine's own short name (<c>egfr</c>, <c>creatinine</c>...).</summary>
    internal const string LabCodeSystem = "medengine";

    private static readonly string[] SourceFields = ["id", "kind", "version", "lastConfirmed", "confirmedBy"];
    private static readonly string[] PatientFields = ["id", "birthDate", "sex", "weightKg", "pregnant", "conditions", "allergies", "labs"];
    private static readonly string[] EntryFields =
    [
        "id", "name", "codes", "substances", "form", "route", "dose", "timesPerDay", "asNeeded", "maxTimesPerDay", "dosageText",
        "start", "end", "status", "lastChanged", "recordedBy", "reason",
    ];

    /// <inheritdoc />
    public string Format => "MedEngine JSON";

    /// <summary>Whether the content is one JSON object that is not a FHIR resource (it has no <c>resourceType</c>).</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="file">The file name (not used: the format is told by its content).</param>
    /// <returns><see langword="true"/> for a JSON object without <c>resourceType</c>.</returns>
    public bool CanRead(string content, string file)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.TryGetProperty("resourceType", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public SourceReadResult Read(string content, string file, SourceKind? kindOverride = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);
        var context = new Context(file);
        if (context.Parse(content) is not { } document)
        {
            return context.Result(null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                context.Error(InputIssueCodes.JsonNotASourceList, null, null, "The file must hold one JSON object with 'source' and 'entries'.");
                return context.Result(null);
            }

            context.CheckFields(root, ["source", "patient", "entries"], null);
            var issues = context.Count;
            var source = ReadSource(root, context, kindOverride);
            var sourceRead = context.Count == issues;
            issues = context.Count;
            var patient = root.TryGetProperty("patient", out var p) ? ReadPatient(p, context) : null;
            if (context.Count > issues)
            {
                patient = null;
            }

            var entries = ReadEntries(root, context);
            return context.Result(sourceRead && source is not null ? new PatientInput([new SourceList(source, entries)], patient) : null);
        }
    }

    /// <summary>Reads the <c>entries</c> array; an entry with a problem (or a repeated id) is left out and named.</summary>
    internal static List<MedicationEntry> ReadEntries(JsonElement root, Context context)
    {
        var entries = new List<MedicationEntry>();
        if (!root.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            context.Error(InputIssueCodes.JsonRequired, null, "entries", "Required: an array of entries (it may be empty).");
        }
        else
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var issues = context.Count;
                var entry = ReadEntry(item, index, context);
                if (entry is not null)
                {
                    if (ids.TryGetValue(entry.EntryId, out var first))
                    {
                        context.Error(InputIssueCodes.JsonDuplicateEntry, $"#{index} '{entry.EntryId}'", "id", $"Duplicate entry id; entry #{first} has the same id.");
                    }
                    else
                    {
                        ids.Add(entry.EntryId, index);
                    }

                    if (context.Count == issues)
                    {
                        entries.Add(entry);
                    }
                }

                index++;
            }
        }

        return entries;
    }

    internal static MedicationSource? ReadSource(JsonElement root, Context context, SourceKind? kindOverride)
    {
        if (!root.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonRequired, null, "source", "Required: an object with at least 'id'.");
            return null;
        }

        context.CheckFields(source, SourceFields, null, "source.");
        var id = context.String(source, "id", null, "source.");
        if (string.IsNullOrWhiteSpace(id))
        {
            context.Error(InputIssueCodes.JsonRequired, null, "source.id", "Required: a non-empty source id.");
        }

        var kindName = context.String(source, "kind", null, "source.");
        var kind = SourceKind.Unknown;
        if (kindName is not null && !SourceKinds.TryParse(kindName, out kind))
        {
            context.Error(InputIssueCodes.JsonUnknownCode, null, "source.kind", $"Unknown kind '{kindName}'; expected one of {string.Join(", ", SourceKinds.AllNames)}.");
        }

        var version = context.Number(source, "version", null, "source.");
        if (version is { } v && (v < 0 || v != decimal.Truncate(v) || v > long.MaxValue))
        {
            context.Error(InputIssueCodes.JsonInvalidValue, null, "source.version", $"'{v}' is not a whole number of 0 or more.");
            version = null;
        }

        return new MedicationSource(id ?? "", kindOverride ?? kind, context.Date(source, "lastConfirmed", null, "source."), context.String(source, "confirmedBy", null, "source."))
        {
            Version = version is { } whole ? (long)whole : null,
        };
    }

    internal static PatientContext? ReadPatient(JsonElement patient, Context context)
    {
        if (patient.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, null, "patient", "Must be an object.");
            return null;
        }

        context.CheckFields(patient, PatientFields, null, "patient.");
        var birth = context.Date(patient, "birthDate", null, "patient.");
        return new PatientContext
        {
            Id = context.String(patient, "id", null, "patient."),
            BirthDate = birth is { } b ? DateOnly.FromDateTime(b.Date) : null,
            Sex = context.String(patient, "sex", null, "patient."),
            WeightKg = context.Number(patient, "weightKg", null, "patient."),
            Pregnant = context.OptionalBoolean(patient, "pregnant", "patient."),
            Conditions = ReadClinicalCodes(patient, "conditions", context),
            Allergies = ReadClinicalCodes(patient, "allergies", context),
            Labs = ReadLabs(patient, context),
        };
    }

    private static List<ClinicalCode> ReadClinicalCodes(JsonElement patient, string field, Context context)
    {
        var codes = new List<ClinicalCode>();
        var i = 0;
        foreach (var item in context.Array(patient, field, "patient."))
        {
            var where = $"patient.{field}[{i++}]";
            var system = context.String(item, "system", null, where + ".");
            var code = context.String(item, "code", null, where + ".");
            if (string.IsNullOrWhiteSpace(system) || string.IsNullOrWhiteSpace(code))
            {
                context.Error(InputIssueCodes.JsonRequired, null, where, "Needs 'system' (icd10, icpc2, snomed, atc...) and 'code'.");
                continue;
            }

            codes.Add(new ClinicalCode(system, code, context.String(item, "display", null, where + ".")));
        }

        return codes;
    }

    private static List<LabResult> ReadLabs(JsonElement patient, Context context)
    {
        var labs = new List<LabResult>();
        var i = 0;
        foreach (var item in context.Array(patient, "labs", "patient."))
        {
            var where = $"patient.labs[{i++}]";
            var test = context.String(item, "test", null, where + ".");
            var value = context.Number(item, "value", null, where + ".");
            if (string.IsNullOrWhiteSpace(test) || value is null)
            {
                context.Error(InputIssueCodes.JsonRequired, null, where, "Needs 'test' (egfr, creatinine, potassium, sodium, inr, crcl or loinc:CODE) and a numeric 'value'.");
                continue;
            }

            var colon = test.IndexOf(':', StringComparison.Ordinal);
            var display = context.String(item, "display", null, where + ".");
            var code = colon > 0 ? new ClinicalCode(test[..colon], test[(colon + 1)..], display) : new ClinicalCode(LabCodeSystem, test, display);
            labs.Add(new LabResult(code, value, context.String(item, "unit", null, where + "."), context.Date(item, "date", null, where + ".")));
        }

        return labs;
    }

    internal static MedicationEntry? ReadEntry(JsonElement item, int index, Context context)
    {
        var where = $"#{index}";
        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, null, "An entry must be an object.");
            return null;
        }

        var id = context.String(item, "id", where);
        if (string.IsNullOrWhiteSpace(id))
        {
            context.Error(InputIssueCodes.JsonRequired, where, "id", "Required: the source's own entry id.");
            return null;
        }

        where = $"#{index} '{id}'";
        context.CheckFields(item, EntryFields, where);
        var codes = ReadCodes(item, where, context);
        var name = context.String(item, "name", where);
        if (string.IsNullOrWhiteSpace(name) && codes.Count == 0)
        {
            context.Error(InputIssueCodes.JsonRequired, where, "name", "An entry needs a name or at least one code.");
        }

        var statusText = context.String(item, "status", where);
        var status = EntryStatus.Unknown;
        if (statusText is not null && !EntryStatuses.TryParse(statusText, out status))
        {
            context.Error(InputIssueCodes.JsonUnknownCode, where, "status", $"Unknown status '{statusText}'; expected active, on-hold, stopped, completed, entered-in-error or unknown.");
        }

        return new MedicationEntry
        {
            EntryId = id,
            Name = name,
            Codings = codes,
            Substances = ReadSubstances(item, where, context),
            Form = context.String(item, "form", where),
            Route = context.String(item, "route", where),
            Dose = context.Quantity(item, "dose", where),
            TimesPerDay = context.Number(item, "timesPerDay", where),
            AsNeeded = context.Boolean(item, "asNeeded", where),
            MaxTimesPerDay = context.Number(item, "maxTimesPerDay", where),
            DosageText = context.String(item, "dosageText", where),
            Start = context.Date(item, "start", where),
            End = context.Date(item, "end", where),
            Status = status,
            LastChanged = context.Date(item, "lastChanged", where),
            RecordedBy = context.String(item, "recordedBy", where),
            Reason = context.String(item, "reason", where),
        };
    }

    private static List<MedicationCoding> ReadCodes(JsonElement item, string where, Context context)
    {
        var codes = new List<MedicationCoding>();
        if (!item.TryGetProperty("codes", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return codes;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, "codes", "Must be an array of { system, code, display }.");
            return codes;
        }

        var i = 0;
        foreach (var code in array.EnumerateArray())
        {
            var field = $"codes[{i++}]";
            var systemName = context.String(code, "system", where, field + ".");
            var value = context.String(code, "code", where, field + ".");
            if (!CodeSystemNames.TryParse(systemName, out var system) || string.IsNullOrWhiteSpace(value))
            {
                context.Error(InputIssueCodes.JsonRequired, where, field, "Needs 'system' (atc, fest, rxnorm or snomed) and a non-empty 'code'.");
                continue;
            }

            codes.Add(new MedicationCoding(system, value.Trim(), context.String(code, "display", where, field + ".")));
        }

        return codes;
    }

    private static List<SubstanceStrength> ReadSubstances(JsonElement item, string where, Context context)
    {
        var substances = new List<SubstanceStrength>();
        if (!item.TryGetProperty("substances", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return substances;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            context.Error(InputIssueCodes.JsonInvalidValue, where, "substances", "Must be an array of { name, strength }.");
            return substances;
        }

        var i = 0;
        foreach (var substance in array.EnumerateArray())
        {
            var field = $"substances[{i++}]";
            var name = context.String(substance, "name", where, field + ".");
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Error(InputIssueCodes.JsonRequired, where, field + ".name", "Required.");
                continue;
            }

            substances.Add(new SubstanceStrength(name, context.Quantity(substance, "strength", where, field + ".")));
        }

        return substances;
    }

    /// <summary>Reads fields with errors that name the file, the entry and the field; shared with <see cref="PatientEventJson"/>.</summary>
    internal sealed class Context(string file)
    {
        private readonly List<InputError> _errors = [];

        public IReadOnlyList<InputError> Errors => _errors;

        /// <summary>
        /// Parses the content; malformed JSON is one error (with line and column) and <see langword="null"/>, and so is a
        /// document with a key twice in one object or with a key or string that is not Unicode text (each named by its path).
        /// </summary>
        public JsonDocument? Parse(string content)
        {
            try
            {
                var document = JsonDocument.Parse(content, Options);
                var problems = StrictJson.Check(document.RootElement, file);
                if (problems.Count == 0)
                {
                    return document;
                }

                _errors.AddRange(problems);
                document.Dispose();
                return null;
            }
            catch (JsonException e)
            {
                _errors.Add(new InputError(InputIssueCodes.JsonMalformed, file, "Malformed JSON: " + e.Message.Split(" Path:")[0])
                {
                    Line = (int?)e.LineNumber + 1,
                    Column = (int?)e.BytePositionInLine + 1,
                });
                return null;
            }
        }

        public int Count => _errors.Count;

        public void Error(string code, string? entry, string? field, string message) =>
            _errors.Add(new InputError(code, file, message) { Entry = entry, Field = field });

        public SourceReadResult Result(PatientInput? patient) =>
            new(file, patient is null ? [] : [patient], _errors, new Dictionary<string, int>());

        public void CheckFields(JsonElement element, string[] known, string? entry, string prefix = "")
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    Error(InputIssueCodes.JsonUnknownField, entry, prefix + property.Name, $"Unknown field; expected one of {string.Join(", ", known)}.");
                }
            }
        }

        private bool TryGet(JsonElement element, string name, out JsonElement value) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null
            || (value = default).ValueKind != JsonValueKind.Undefined;

        public string? String(JsonElement element, string name, string? entry, string prefix = "")
        {
            if (!TryGet(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error(InputIssueCodes.JsonInvalidValue, entry, prefix + name, $"Must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}.");
                return null;
            }

            return value.GetString();
        }

        public IEnumerable<JsonElement> Array(JsonElement element, string name, string prefix)
        {
            if (!TryGet(element, name, out var value))
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(InputIssueCodes.JsonInvalidValue, null, prefix + name, "Must be an array.");
                return [];
            }

            return value.EnumerateArray().ToList();
        }

        public bool? OptionalBoolean(JsonElement element, string name, string prefix) =>
            TryGet(element, name, out _) ? Boolean(element, name, null, prefix) : null;

        public decimal? Number(JsonElement element, string name, string? entry, string prefix = "")
        {
            if (!TryGet(element, name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            {
                Error(InputIssueCodes.JsonInvalidValue, entry, prefix + name, $"Must be a number, found '{InputError.Cut(value.GetRawText())}'.");
                return null;
            }

            return number;
        }

        public bool Boolean(JsonElement element, string name, string? entry, string prefix = "")
        {
            if (!TryGet(element, name, out var value))
            {
                return false;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(InputIssueCodes.JsonInvalidValue, entry, prefix + name, $"Must be true or false, found '{InputError.Cut(value.GetRawText())}'.");
                return false;
            }

            return value.GetBoolean();
        }

        public Quantity? Quantity(JsonElement element, string name, string? entry, string prefix = "")
        {
            var text = String(element, name, entry, prefix);
            if (text is null)
            {
                return null;
            }

            if (!Units.Quantity.TryParse(text, out var quantity))
            {
                Error(InputIssueCodes.JsonInvalidValue, entry, prefix + name, $"'{text}' is not an amount with a known unit (such as '2,5 mg', '1 tablett', '25 µg/h').");
            }

            return quantity;
        }

        public DateTimeOffset? Date(JsonElement element, string name, string? entry, string prefix = "")
        {
            var text = String(element, name, entry, prefix);
            if (text is null)
            {
                return null;
            }

            if (IsoDateTimes.TryParse(text, out var date))
            {
                return date;
            }

            Error(InputIssueCodes.JsonInvalidValue, entry, prefix + name, $"'{InputError.Cut(text)}' is not an ISO 8601 date (2026-11-26) or date-time with seconds and offset (2026-11-26T10:15:00+01:00).");
            return null;
        }
    }
}
