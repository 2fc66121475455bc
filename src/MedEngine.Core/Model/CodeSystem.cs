namespace MedEngine.Model;

/// <summary>The code systems a medication can be coded in.</summary>
public enum CodeSystem
{
    /// <summary>WHO Anatomical Therapeutic Chemical classification.</summary>
    Atc,
    /// <summary>A product id from FEST, the Norwegian medicines agency's catalogue.</summary>
    FestProduct,
    /// <summary>RxNorm (RXCUI).</summary>
    RxNorm,
    /// <summary>SNOMED CT.</summary>
    SnomedCt,
}

/// <summary>A code for a medication in one code system.</summary>
/// <param name="System">The code system.</param>
/// <param name="Code">The code as given.</param>
/// <param name="Display">The display text given with the code, if any.</param>
public sealed record MedicationCoding(CodeSystem System, string Code, string? Display = null);
