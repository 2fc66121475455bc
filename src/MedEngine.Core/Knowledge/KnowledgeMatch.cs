namespace MedEngine.Knowledge;

/// <summary>What one exact name or code names: a substance, or a product with its substances.</summary>
/// <param name="Substances">The substances named.</param>
/// <param name="Product">The product, when the name or code is a product's.</param>
public sealed record KnowledgeMatch(IReadOnlyList<Substance> Substances, Product? Product);
