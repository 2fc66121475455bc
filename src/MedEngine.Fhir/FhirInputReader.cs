using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;
using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Fhir;

/// <summary>
/// Reads FHIR R4 JSON into MedEngine source lists: a Bundle (collection, searchset, document, transaction, batch), a single resource,
/// or NDJSON (by the <c>.ndjson</c> extension, or when the content is one JSON object per line).
/// </summary>
/// <remarks>
/// <para>Sources, when no kind is given: MedicationStatements form a source with id = the file name without extension, of kind
/// <see cref="SourceKind.PatientReported"/> when <c>informationSource</c> is the Patient or a RelatedPerson, else <see cref="SourceKind.Unknown"/>
/// (when a file holds both, the ids get <c>-patient</c> and <c>-unknown</c> suffixes); MedicationRequests form <c>{stem}-requests</c>
/// (<see cref="SourceKind.Prescriptions"/>); MedicationDispenses form <c>{stem}-dispenses</c> (<see cref="SourceKind.Dispensing"/>).
/// In a document Bundle (SFM <c>$getMedication</c>), resources listed in a Composition section take the section's kind instead
/// (see <see cref="SfmSections"/>): <c>{stem}-pll</c>, <c>{stem}-requests</c>, <c>{stem}-dispenses</c>.
/// With a kind override, all medication resources of a patient form one source with id = stem and that kind.</para>
/// <para>SFM Basis <c>$getMedication</c> answers are read as NHN returns them (docs/sfm-basis.md): the Parameters wrapper with the
/// document Bundle in its <c>medication</c> parameter; the KJ and RF lookups (times, error codes) become every source's
/// <see cref="MedicationSource.Lookups"/>; the PLL information gives the PLL source its <see cref="MedicationSource.LastConfirmed"/>
/// (the PLL date), <see cref="MedicationSource.ConfirmedBy"/> and <see cref="MedicationSource.PllExists"/>; the earlier links of a
/// prescription chain are no entries but are named on their head (<see cref="SfmChains"/>). An error answer (an OperationOutcome
/// with an error) is refused with what the server said.</para>
/// <para>Entry ids are resource ids (else the fullUrl's uuid, else the NDJSON line). Parsing is lenient where no data is lost (Firely's NoOverflow mode:
/// malformed primitive values and unknown codes are kept as written; unknown elements and wrong JSON shapes are errors), but malformed JSON, an unknown resourceType, a resource that cannot be read,
/// and duplicate entry ids are all reported together as issues; a resource with a problem is left out and named in its issue.</para>
/// </remarks>
public sealed class FhirInputReader : ISourceReader
{
    /// <inheritdoc />
    public string Format => "FHIR R4";

    /// <summary>Whether an input is FHIR JSON: NDJSON (by extension or by content), or one JSON object with a <c>resourceType</c>.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="file">The file name.</param>
    /// <returns><see langword="true"/> when <see cref="Read"/> is the reader for it.</returns>
    public bool CanRead(string content, string file)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);
        if (FhirContentParser.IsNdjson(content, file))
        {
            return true;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(content, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("resourceType", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads one FHIR input; a kind override puts all medication resources of a patient in one source of that kind.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="file">The file name, used in issues and for source ids.</param>
    /// <param name="kindOverride">The kind given by the caller.</param>
    /// <returns>The patients, ordered by id, the count of resources skipped by type, and every problem with file, line (NDJSON), entry and field.</returns>
    public SourceReadResult Read(string content, string file, SourceKind? kindOverride = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<InputError>();
        var parser = new FhirContentParser(file, errors);
        parser.Parse(content);

        var index = new ResourceIndex(parser.Resources);
        var compositions = parser.Resources.Select(r => r.Resource).OfType<Composition>().ToList();
        var sections = SfmSections.Classify(compositions, index);
        var entryIds = new Dictionary<Resource, string>(ReferenceEqualityComparer.Instance);
        var ordinal = 0;
        foreach (var parsed in parser.Resources)
        {
            ordinal++;
            entryIds[parsed.Resource] = parsed.Resource.Id ?? Uuid(parsed.FullUrl) ?? (parsed.Line is { } line ? $"line-{line}" : $"resource-{ordinal}");
        }

        var chains = new SfmChains(entryIds, index, file, errors);
        var builder = new PatientInputBuilder(file, kindOverride, errors);
        builder.Answer(SfmSections.Pll(compositions, index), parser.Lookups.ToList());
        foreach (var parsed in parser.Resources)
        {
            var entryId = entryIds[parsed.Resource];
            var section = sections.TryGetValue(parsed.Resource, out var k) ? k : (SourceKind?)null;
            try
            {
                Add(parsed, entryId, section);
            }
            catch (CodedValidationException e)
            {
                // The FHIR library checks some shapes only when a value is read ("doseQuantity": 123): the resource is left out, named.
                errors.Add(new InputError(InputIssueCodes.FhirUnreadableResource, file, $"{parsed.Resource.TypeName} could not be read: {InputError.Cut(e.Message)}")
                {
                    Line = parsed.Line,
                    Entry = entryId,
                });
            }
        }

        void Add(ParsedResource parsed, string entryId, SourceKind? section)
        {
            switch (parsed.Resource)
            {
                case MedicationStatement statement when chains.IsReplaced(statement):
                    break; // an earlier link of a prescription chain, accounted for on its head (MedicationEntry.Replaces)
                case MedicationStatement statement:
                    builder.AddEntry(
                        index.PatientKey(statement.Subject),
                        MedicationEntryMapper.FromStatement(statement, entryId, index) with { Replaces = chains.ReplacedBy(statement) },
                        section ?? StatementKind(statement, index),
                        section is null);
                    break;
                case MedicationRequest request:
                    builder.AddEntry(index.PatientKey(request.Subject), MedicationEntryMapper.FromRequest(request, entryId, index), section ?? SourceKind.Prescriptions, false);
                    break;
                case MedicationDispense dispense:
                    builder.AddEntry(index.PatientKey(dispense.Subject), MedicationEntryMapper.FromDispense(dispense, entryId, index), section ?? SourceKind.Dispensing, false);
                    break;
                case Basic prescription when SfmProfiles.Claims(prescription, SfmProfiles.BandaPrescription):
                    builder.AddEntry(index.PatientKey(prescription.Subject), MedicationEntryMapper.FromOtherPrescription(prescription, entryId, index), section ?? SourceKind.Prescriptions, false);
                    break;
                case Basic info when SfmProfiles.Claims(info, SfmProfiles.PllInfo):
                    break; // the PLL's date, read by SfmSections.Pll
                case Medication or Substance:
                    break; // product data, read through the references of the resources above
                case Composition when parser.SawDocument:
                    break; // the document's table of contents, read by SfmSections
                case Patient patient:
                    builder.Facts(ResourceIndex.PatientKey(patient, parsed.FullUrl)).Add(patient);
                    break;
                case Observation observation:
                    builder.Skip("Observation", builder.Facts(index.PatientKey(observation.Subject)).Add(observation));
                    break;
                case Condition condition:
                    builder.Skip("Condition", builder.Facts(index.PatientKey(condition.Subject)).Add(condition));
                    break;
                case AllergyIntolerance allergy:
                    builder.Skip("AllergyIntolerance", builder.Facts(index.PatientKey(allergy.Patient)).Add(allergy));
                    break;
                default:
                    builder.Skip(parsed.Resource.TypeName, "");
                    break;
            }
        }

        foreach (var name in parser.UnreadParameters)
        {
            builder.Skip("Parameters.parameter", name.Length == 0 ? "no name" : name);
        }

        if (parser.EntriesWithoutResource > 0)
        {
            builder.Skip("Bundle.entry", "no resource", parser.EntriesWithoutResource);
        }

        return builder.Build();
    }

    private static SourceKind StatementKind(MedicationStatement statement, ResourceIndex index)
    {
        var source = statement.InformationSource;
        var type = index.Resolve(source)?.TypeName ?? source?.Reference?.Split('/')[0] ?? source?.Type;
        return type is "Patient" or "RelatedPerson" ? SourceKind.PatientReported : SourceKind.Unknown;
    }

    private static string? Uuid(string? url) =>
        url is not null && url.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? url[9..] : null;
}
