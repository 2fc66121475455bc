namespace MedEngine.Knowledge;

/// <summary>An active substance (virkestoff).</summary>
/// <param name="Key">The stable key: the ATC code, or <c>name:</c> and the English name for a substance without its own ATC code.</param>
/// <param name="Atc">The ATC level 5 code, when the substance has one.</param>
/// <param name="NameEn">The English (INN) name.</param>
/// <param name="NameNb">The Norwegian name.</param>
/// <param name="Synonyms">Other names the substance is known by.</param>
public sealed record Substance(string Key, string? Atc, string NameEn, string NameNb, IReadOnlyList<string> Synonyms)
{
    /// <summary>The RxNorm ingredient code (RXCUI of term type IN), when known.</summary>
    public string? RxNorm { get; init; }
}
