using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedEngine.Findings;
using MedEngine.Serialization;

namespace MedEngine.Fhir;

/// <summary>
/// Writes an evaluation as one FHIR R4 collection Bundle: the reconciled list (source and line MedicationStatements, the List
/// <see cref="ListTitle"/> and, when entries are unresolved, the List <see cref="UnresolvedListTitle"/>, one DetectedIssue per
/// discrepancy, one Provenance per line) and one DetectedIssue per finding, with a clinician's override as its mitigation.
/// The mappings are documented in <c>src/MedEngine.Fhir/README.md</c>.
/// </summary>
/// <param name="time">The clock: the List date, DetectedIssue identified time, Provenance recorded time and Bundle timestamp.</param>
/// <param name="patientReference">A reference to the patient (for example <c>Patient/123</c>); when <see langword="null"/>, the subject is given by display only.</param>
public sealed class FhirEvaluationWriter(TimeProvider time, string? patientReference = null) : IEvaluationWriter
{
    /// <summary>The title of the reconciled List.</summary>
    public const string ListTitle = "Samstemt legemiddelliste";

    /// <summary>The title of the List of unresolved entries.</summary>
    public const string UnresolvedListTitle = "Ikke samstemte legemidler";

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <inheritdoc />
    public string Format => "fhir";

    /// <inheritdoc />
    public string MediaType => "application/fhir+json";

    /// <summary>Serializes a bundle (or any resource) as pretty-printed FHIR JSON.</summary>
    /// <param name="resource">The bundle.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new FhirJsonSerializer().SerializeToString(resource, pretty: true);
    }

    /// <summary>Writes the evaluation as a Bundle.</summary>
    /// <param name="evaluation">The reconciled list and its findings.</param>
    /// <param name="overrides">The overrides recorded for the patient; those whose key matches a finding become its mitigation.</param>
    /// <returns>The bundle.</returns>
    public Bundle ToBundle(PatientEvaluation evaluation, IEnumerable<FindingOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var bundle = FhirResultWriter.ToBundle(evaluation.List, _time, patientReference);
        return FhirFindingWriter.AddFindings(bundle, evaluation.Findings, overrides ?? [], _time, patientReference);
    }

    /// <inheritdoc />
    public async System.Threading.Tasks.Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(ToJson(ToBundle(evaluation)).AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
