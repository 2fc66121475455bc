using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>Reads one command-line input file: a MedEngine source list, or FHIR R4 (Bundle, resource or NDJSON).</summary>
internal static class InputLoader
{
    /// <summary>Reads a file into the source lists and patient facts of one patient.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">The kind given as KIND=FILE, if any.</param>
    /// <param name="patient">The patient to take from a file that holds several, if given.</param>
    /// <returns>The file's source lists and patient facts for the patient.</returns>
    /// <exception cref="InputException">The file is malformed, or holds several patients and none was chosen.</exception>
    public static PatientInput Load(string path, SourceKind? kind, string? patient)
    {
        var content = File.ReadAllText(path);
        if (!FhirInputReader.IsFhir(content, path))
        {
            return SourceListJsonReader.Read(content, path, kind);
        }

        var read = FhirInputReader.Read(content, path, kind);
        var patients = patient is null ? read.Patients : read.Patients.Where(p => p.Patient?.Id == patient).ToList();
        return patients.Count switch
        {
            1 => patients[0],
            0 => throw new InputException(new InputError(InputIssueCodes.FhirNoMedications, path, patient is null ? "No medication resources found." : $"No patient '{patient}' in the file.")),
            _ => throw new InputException(new InputError(InputIssueCodes.FhirSeveralPatients, path,
                $"The file holds {patients.Count} patients ({string.Join(", ", patients.Select(p => p.Patient?.Id ?? "no subject"))}); choose one with --patient ID.")),
        };
    }
}
