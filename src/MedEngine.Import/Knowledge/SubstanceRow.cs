namespace MedEngine.Import.Knowledge;

/// <summary>One row of <c>substances.tsv</c> being built.</summary>
internal sealed class SubstanceRow(string? atc, string nameEn, string nameNb)
{
    public string? Atc { get; } = atc;

    public string NameEn { get; } = nameEn;

    public string NameNb { get; set; } = nameNb;

    public List<string> Synonyms { get; } = [];

    /// <summary>The RxNorm ingredient code, or empty.</summary>
    public string RxNorm { get; init; } = string.Empty;

    /// <summary>The key products and the loader use: the ATC code, or <c>name:</c> and the normalized English name.</summary>
    public string Key => Atc ?? "name:" + MedEngine.Knowledge.NameNormalizer.Normalize(NameEn);

    /// <summary>How <c>products.tsv</c> refers to the substance: the ATC code, or the English name.</summary>
    public string Reference => Atc ?? MedEngine.Knowledge.NameNormalizer.Normalize(NameEn);
}
