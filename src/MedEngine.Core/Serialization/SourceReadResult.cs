using MedEngine.Model;

namespace MedEngine.Serialization;

/// <summary>What an <see cref="ISourceReader"/> found in one input: a best-effort partial result and every problem.</summary>
/// <param name="File">The input's file name.</param>
/// <param name="Patients">One input per patient, ordered by patient id; entries with problems are left out (each is named in <paramref name="Issues"/>).</param>
/// <param name="Issues">Every problem found, in input order; empty when the input was read whole.</param>
/// <param name="Skipped">
/// Valid content that was read but not used, counted by kind (for example FHIR <c>Encounter</c>), and by <c>Type (reason)</c> when
/// something was left out on purpose (for example <c>Condition (inactive)</c>). Nothing is dropped unseen.
/// </param>
public sealed record SourceReadResult(string File, IReadOnlyList<PatientInput> Patients, IReadOnlyList<InputError> Issues, IReadOnlyDictionary<string, int> Skipped)
{
    /// <summary>Whether the input was read whole, with no problem.</summary>
    public bool IsComplete => Issues.Count == 0;

    /// <summary>The total count of <see cref="Skipped"/>.</summary>
    public int SkippedCount => Skipped.Values.Sum();

    /// <summary>Throws when the input had any problem, for callers that take an input whole or not at all.</summary>
    /// <returns>This result, when it has no issues.</returns>
    /// <exception cref="InputException">Every issue, together.</exception>
    public SourceReadResult ThrowIfIssues() => IsComplete ? this : throw new InputException(Issues);

    /// <summary>The one patient of an input read whole, or the patient with the given id from an input that holds several.</summary>
    /// <param name="patientId">The patient to take, when the input may hold several.</param>
    /// <returns>That patient's source lists and facts.</returns>
    /// <exception cref="InputException">
    /// The input had problems (<see cref="ThrowIfIssues"/>), holds no such patient (<see cref="InputIssueCodes.FhirNoMedications"/>),
    /// or holds several and none was chosen (<see cref="InputIssueCodes.FhirSeveralPatients"/>).
    /// </exception>
    public PatientInput SinglePatient(string? patientId = null)
    {
        ThrowIfIssues();
        var patients = patientId is null ? Patients : Patients.Where(p => p.Patient?.Id == patientId).ToList();
        return patients.Count switch
        {
            1 => patients[0],
            0 => throw new InputException(new InputError(InputIssueCodes.FhirNoMedications, File,
                patientId is null ? "No medication resources found." : $"No patient '{patientId}' in the input.")),
            _ => throw new InputException(new InputError(InputIssueCodes.FhirSeveralPatients, File,
                $"The input holds {patients.Count} patients ({string.Join(", ", patients.Select(p => p.Patient?.Id ?? "no subject"))}); choose one by its patient id.")),
        };
    }
}
