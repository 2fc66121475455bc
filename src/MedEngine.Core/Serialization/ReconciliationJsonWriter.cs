using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Reconciliation;
using MedEngine.Findings;
using MedEngine.Units;

namespace MedEngine.Serialization;

/// <summary>
/// Writes an evaluation (a <see cref="ReconciliationResult"/> and its findings) as the stable JSON document described in
/// <c>docs/reconcile-json.md</c>. The same evaluation always gives the same bytes.
/// </summary>
public sealed class ReconciliationJsonWriter : IEvaluationWriter
{
    internal static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public string MediaType => "application/json";

    /// <inheritdoc />
    public async Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        Write(evaluation, stream);
        await output.WriteAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the evaluation to a stream as UTF-8 JSON.</summary>
    /// <param name="evaluation">The reconciled list and its findings.</param>
    /// <param name="stream">Where to write.</param>
    public void Write(PatientEvaluation evaluation, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(stream);
        var (result, findings) = evaluation;
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WriteStartArray("sources");
        foreach (var source in result.Sources)
        {
            writer.WriteStartObject();
            writer.WriteString("id", source.Id);
            writer.WriteString("kind", SourceKinds.ToName(source.Kind));
            WriteDate(writer, "lastConfirmed", source.LastConfirmed);
            writer.WriteString("confirmedBy", source.ConfirmedBy);
            WriteFlag(writer, "pllExists", source.PllExists);

            writer.WriteStartArray("lookups");
            foreach (var lookup in source.Lookups)
            {
                WriteLookup(writer, lookup);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("lines");
        foreach (var line in result.Lines)
        {
            WriteLine(writer, line);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unresolved");
        foreach (var unresolved in result.Unresolved)
        {
            writer.WriteStartObject();
            writer.WriteString("source", unresolved.Entry.Source.Id);
            writer.WriteString("entryId", unresolved.Entry.Entry.EntryId);
            writer.WriteString("sourceKind", SourceKinds.ToName(unresolved.Entry.Source.Kind));
            writer.WriteString("name", unresolved.Entry.Entry.Name);
            writer.WriteString("status", EntryStatuses.ToName(unresolved.Entry.Entry.Status));
            writer.WriteString("dosageText", unresolved.Entry.Entry.DosageText);
            writer.WriteString("reason", unresolved.Reason);
            writer.WriteStartArray("possibleMatches");
            foreach (var match in unresolved.Entry.Resolution.PossibleMatches)
            {
                writer.WriteStartObject();
                writer.WriteString("name", match.Name);
                WriteSubstances(writer, match.Substances);
                writer.WriteNumber("similarity", Math.Round(match.Similarity, 2));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteNumber("ruleVersion", finding.RuleVersion);
        writer.WriteString("kind", finding.Kind);
        writer.WriteString("category", FindingCategories.ToName(finding.Category));
        writer.WriteString("severity", Severities.ToName(finding.Severity));
        writer.WriteString("baseSeverity", Severities.ToName(finding.BaseSeverity));
        WriteText(writer, "title", finding.Title);
        WriteText(writer, "message", finding.Message);
        WriteText(writer, "handling", finding.Handling);
        WriteStrings(writer, "lines", finding.LineIds);
        writer.WriteStartArray("entries");
        foreach (var entry in finding.Entries)
        {
            writer.WriteStartObject();
            writer.WriteString("source", entry.Source);
            writer.WriteString("sourceKind", entry.SourceKind);
            writer.WriteString("entryId", entry.EntryId);
            writer.WriteString("name", entry.Name);
            writer.WriteString("status", entry.Status);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteStrings(writer, "values", finding.Values);
        writer.WriteStartArray("modifiers");
        foreach (var modifier in finding.Modifiers)
        {
            writer.WriteStartObject();
            writer.WriteNumber("steps", modifier.Steps);
            WriteText(writer, "because", modifier.Because);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("mechanism", finding.Mechanism);
        writer.WriteString("evidence", finding.Evidence);
        WriteStrings(writer, "references", finding.References);
        WriteStrings(writer, "tags", finding.Tags);
        writer.WriteString("explanation", finding.Explanation);
        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, string name, LocalizedText text)
    {
        writer.WriteStartObject(name);
        writer.WriteString("nb", text.Nb);
        writer.WriteString("en", text.En);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static void WriteLine(Utf8JsonWriter writer, ReconciledLine line)
    {
        writer.WriteStartObject();
        writer.WriteString("id", line.Id);
        WriteSubstances(writer, line.Substances);
        writer.WriteString("status", EntryStatuses.ToName(line.Proposed.Status));
        var lead = line.Proposed.From;
        writer.WriteStartObject("proposed");
        writer.WriteString("source", lead.Source.Id);
        writer.WriteString("entryId", lead.Entry.EntryId);
        writer.WriteString("name", lead.Entry.Name);
        writer.WriteString("status", EntryStatuses.ToName(line.Proposed.Status));
        WriteDetails(writer, lead);
        writer.WriteString("reason", line.Proposed.Reason);
        writer.WriteEndObject();
        writer.WriteStartArray("entries");
        foreach (var entry in line.Entries)
        {
            writer.WriteStartObject();
            writer.WriteString("source", entry.Source.Id);
            writer.WriteString("sourceKind", SourceKinds.ToName(entry.Source.Kind));
            writer.WriteString("entryId", entry.Entry.EntryId);
            writer.WriteString("name", entry.Entry.Name);
            writer.WriteString("status", EntryStatuses.ToName(entry.Entry.Status));
            writer.WriteString("evidence", EvidenceName(entry.Resolution.Evidence));
            WriteDetails(writer, entry);
            WriteRegistration(writer, entry.Entry.Registration);
            WriteStrings(writer, "replaces", entry.Entry.Replaces);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("discrepancies");
        foreach (var discrepancy in line.Discrepancies)
        {
            writer.WriteStartObject();
            writer.WriteString("code", discrepancy.Code);
            writer.WriteString("kind", DiscrepancyKinds.ToName(discrepancy.Kind));
            writer.WriteString("detail", discrepancy.Detail);
            writer.WriteStartArray("entries");
            foreach (var reference in discrepancy.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("source", reference.Source);
                writer.WriteString("entryId", reference.EntryId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, NormalizedEntry entry)
    {
        if (entry.Resolution.FreeText is { } freeText)
        {
            writer.WriteStartObject("freeText");
            writer.WriteString("name", freeText.Name);
            writer.WriteString("rest", freeText.Rest);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("freeText");
        }

        writer.WriteString("form", entry.Form);
        writer.WriteString("route", entry.Route);
        WriteQuantity(writer, "strength", entry.Strength);
        WriteQuantity(writer, "dailyDose", entry.DailyDose);
        writer.WriteStartObject("dosage");
        writer.WriteString("text", entry.DosageText);
        WriteQuantity(writer, "amountPerDose", entry.Dosage.AmountPerDose);
        WriteNumber(writer, "timesPerDay", entry.Dosage.TimesPerDay);
        writer.WriteBoolean("asNeeded", entry.Dosage.AsNeeded);
        WriteNumber(writer, "maxTimesPerDay", entry.Dosage.MaxTimesPerDay);
        writer.WriteString("problem", entry.Dosage.Problem);
        writer.WriteEndObject();
    }

    private static void WriteLookup(Utf8JsonWriter writer, RegistryLookup lookup)
    {
        writer.WriteStartObject();
        writer.WriteString("registry", lookup.Registry);
        WriteDate(writer, "at", lookup.At);
        writer.WriteBoolean("ok", lookup.IsOk);
        writer.WriteString("errorCode", lookup.ErrorCode);
        writer.WriteString("error", lookup.Error);
        writer.WriteString("detail", lookup.Detail);
        WriteFlag(writer, "hasLocked", lookup.HasLocked);
        WriteFlag(writer, "hasMedications", lookup.HasMedications);
        writer.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteRegistration(Utf8JsonWriter writer, EntryRegistration? registration)
    {
        if (registration is null)
        {
            writer.WriteNull("registration");
            return;
        }

        writer.WriteStartObject("registration");
        writer.WriteString("status", registration.Status);
        writer.WriteString("type", registration.Type);
        writer.WriteString("provider", registration.Provider);
        WriteDate(writer, "at", registration.At);
        writer.WriteEndObject();
    }

    private static void WriteSubstances(Utf8JsonWriter writer, IReadOnlyList<Knowledge.Substance> substances)
    {
        writer.WriteStartArray("substances");
        foreach (var substance in substances)
        {
            writer.WriteStartObject();
            writer.WriteString("name", substance.NameEn);
            writer.WriteString("nameNb", substance.NameNb);
            writer.WriteString("atc", substance.Atc);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteQuantity(Utf8JsonWriter writer, string name, Quantity? quantity)
    {
        if (quantity is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteNumber("value", Math.Round(quantity.Value, 6));
        writer.WriteString("unit", quantity.Unit.Symbol);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value) =>
        writer.WriteString(name, value?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    private static string? EvidenceName(ResolutionEvidence? evidence) => evidence switch
    {
        ResolutionEvidence.AtcCode => "atc-code",
        ResolutionEvidence.UnknownAtcCode => "unknown-atc-code",
        ResolutionEvidence.ProductCode => "product-code",
        ResolutionEvidence.ExactName => "exact-name",
        _ => null,
    };
}
