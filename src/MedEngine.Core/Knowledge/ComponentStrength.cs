using MedEngine.Units;

namespace MedEngine.Knowledge;

/// <summary>The amount of one substance in one unit of a product (hydrochlorothiazide 12.5 mg per tablet).</summary>
/// <param name="Substance">The substance.</param>
/// <param name="Amount">Its amount per unit: a mass (12.5 mg), units (100 IE/ml), a concentration, a percentage or a rate (12 µg/h).</param>
public sealed record ComponentStrength(Substance Substance, Quantity Amount);
