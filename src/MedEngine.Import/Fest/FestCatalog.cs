namespace MedEngine.Import.Fest;

/// <summary>What the importer keeps of an M30 file: the entries it uses, small beside the file.</summary>
internal sealed class FestCatalog(string version)
{
    public string Version { get; } = version;

    /// <summary>The HentetDato (date of extraction), date part, or empty.</summary>
    public string Date { get; set; } = string.Empty;

    public List<FestProduct> Products { get; } = [];

    public Dictionary<string, FestSubstance> Substances { get; } = new(StringComparer.Ordinal);

    /// <summary>VirkestoffMedStyrke id → the Virkestoff id it refers to.</summary>
    public Dictionary<string, string> Strengths { get; } = new(StringComparer.Ordinal);

    public List<FestInteraction> Interactions { get; } = [];

    /// <summary>InteraksjonIkkeVurdert: ATC code and name as written.</summary>
    public List<(string Atc, string Name, string Location)> NotAssessed { get; } = [];

    public List<FestPrnDose> PrnDoses { get; } = [];
}
