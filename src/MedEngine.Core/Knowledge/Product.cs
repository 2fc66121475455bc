using MedEngine.Model;

namespace MedEngine.Knowledge;

/// <summary>A product or brand (merkevare), possibly a combination of several substances.</summary>
/// <param name="Name">The product name without strength or form (<c>marevan</c>).</param>
/// <param name="Substances">The substances in the product.</param>
/// <param name="Atc">The product's own ATC code when it differs from its single substance's (combinations).</param>
/// <param name="Form">The default form the name implies, if any.</param>
/// <param name="Route">The default route the name implies, if any.</param>
/// <param name="Codes">Codes that identify the product (FEST, RxNorm, SNOMED CT).</param>
public sealed record Product(string Name, IReadOnlyList<Substance> Substances, string? Atc, string? Form, string? Route, IReadOnlyList<MedicationCoding> Codes)
{
    /// <summary>
    /// The strengths the product is made in, each with the amount of every component per unit (tablet, dose, ml, patch):
    /// Cozaar Comp 50 mg + 12.5 mg and 100 mg + 25 mg. Empty when not listed. A combination's strength belongs to each
    /// component, never to the product as a whole.
    /// </summary>
    public IReadOnlyList<ProductStrength> Strengths { get; init; } = [];
}
