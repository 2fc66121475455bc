namespace MedEngine.Normalization;

/// <summary>What an entry's substances were resolved from. Only these merge entries automatically.</summary>
public enum ResolutionEvidence
{
    /// <summary>An ATC level 5 code the knowledge base knows.</summary>
    AtcCode,
    /// <summary>An ATC level 5 code the knowledge base does not know: the code itself is the substance key.</summary>
    UnknownAtcCode,
    /// <summary>A FEST, RxNorm or SNOMED CT product code the knowledge base knows.</summary>
    ProductCode,
    /// <summary>An exact normalized name: substance, synonym or product, with only strength, form and salt words besides.</summary>
    ExactName,
}
