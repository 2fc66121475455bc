using MedEngine.Units;

namespace MedEngine.Model;

/// <summary>An active substance (virkestoff) as a source names it, with its strength per unit of the product.</summary>
/// <param name="Name">The substance name as written.</param>
/// <param name="Strength">The strength per unit (tablet, ml, patch...), when given.</param>
public sealed record SubstanceStrength(string Name, Quantity? Strength = null);
