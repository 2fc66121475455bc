using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>Reads command-line input files: FHIR R4 (Bundle, resource or NDJSON), else a MedEngine source list.</summary>
internal static class InputLoader
{
    /// <summary>The formats the command line reads, FHIR first; what is not FHIR is read (and its problems told) as MedEngine JSON.</summary>
    public static ISourceReader Readers { get; } = new SourceReaderSet(new FhirInputReader(), new SourceListJsonReader());

    /// <summary>Reads a file into the source lists and patient facts of one patient.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">The kind given as KIND=FILE, if any.</param>
    /// <param name="patient">The patient to take from a file that holds several, if given.</param>
    /// <returns>The file's source lists and patient facts for the patient.</returns>
    /// <exception cref="InputException">The file is missing or malformed, or holds several patients and none was chosen (--patient ID).</exception>
    public static async Task<PatientInput> LoadAsync(string path, SourceKind? kind, string? patient) =>
        (await Readers.ReadFileAsync(path, kind).ConfigureAwait(false)).SinglePatient(patient);
}
