namespace MedEngine.Import.Knowledge;

/// <summary>One row of <c>products.tsv</c> being built.</summary>
internal sealed record ProductRow(string Name, IReadOnlyList<string> SubstanceKeys, string? Atc, string? Form, string? Route, IReadOnlyList<string> Codes)
{
    /// <summary>The <c>strengths</c> cell as read (see docs/knowledge-base.md), or empty.</summary>
    public string Strengths { get; init; } = string.Empty;
}
