namespace MedEngine.Knowledge;

/// <summary>One strength of a product: the amount of each of its substances per unit (losartan 50 mg + hydrochlorothiazide 12.5 mg).</summary>
/// <param name="Components">The amount of each substance, in the order the product lists them.</param>
public sealed record ProductStrength(IReadOnlyList<ComponentStrength> Components);
