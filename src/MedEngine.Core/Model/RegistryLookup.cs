namespace MedEngine.Model;

/// <summary>
/// One national registry lookup behind a source's list, as the answer reports it (SFM <c>$getMedication</c>: the core record,
/// <c>KJ</c>, and the e-prescription registry's messages <c>RF M9.6</c> and <c>RF M9.12</c>): when it was made and what came back.
/// A list whose lookup failed may lack what that registry holds.
/// </summary>
/// <param name="Registry">The registry or message, as named above.</param>
/// <param name="At">When the registry was looked up; <see langword="null"/> when the answer does not say.</param>
public sealed record RegistryLookup(string Registry, DateTimeOffset? At)
{
    /// <summary>The error code as given (SFM: <c>0</c> is OK); <see langword="null"/> when none was given.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>What the code means, as given (for example <c>Ingen rettighet til KJ oppslag</c>).</summary>
    public string? Error { get; init; }

    /// <summary>The error's details as given (for example the registry's own message and trace id).</summary>
    public string? Detail { get; init; }

    /// <summary>Whether the registry holds locked items the lookup could not show (SFM <c>KJHarLaste</c>, <c>RFHarLaste</c>).</summary>
    public bool? HasLocked { get; init; }

    /// <summary>Whether the registry holds medications for the patient (SFM <c>KJHarLegemidler</c>).</summary>
    public bool? HasMedications { get; init; }

    /// <summary>Whether the lookup went well: an error code of <c>0</c>, or none.</summary>
    public bool IsOk => ErrorCode is null or "0";
}
