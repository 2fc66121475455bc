namespace MedEngine.Serialization;

/// <summary>
/// Writes one patient's evaluation (the reconciled list and its findings) in one output format. The writers are
/// <see cref="ReconciliationJsonWriter"/> (MedEngine JSON, <c>docs/reconcile-json.md</c>), <c>MedEngine.Fhir.FhirEvaluationWriter</c>
/// (a FHIR R4 Bundle) and the command line's table; a new format is one class that implements this.
/// </summary>
public interface IEvaluationWriter
{
    /// <summary>The format's short name, as a command-line option or a content negotiation key would say it (<c>json</c>, <c>fhir</c>, <c>table</c>).</summary>
    string Format { get; }

    /// <summary>The media type of what is written, for example <c>application/fhir+json</c>.</summary>
    string MediaType { get; }

    /// <summary>Writes the evaluation; the same evaluation always gives the same text.</summary>
    /// <param name="evaluation">The reconciled list and its findings.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when all is written.</returns>
    Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default);
}
