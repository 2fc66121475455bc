namespace MedEngine.Import.Fest;

/// <summary>
/// The FEST M30 versions the importer reads, told by the root element's namespace or its <c>versjon</c> attribute. Version
/// 3.5 names substances under <c>Sammensetning</c>; 2.5.1 through <c>SortertVirkestoffMedStyrke</c>; the reader takes both.
/// The 3.5 namespace is the draft's: when the published one differs, add it here.
/// </summary>
internal static class FestVersion
{
    private static readonly Dictionary<string, string> ByNamespace = new(StringComparer.Ordinal)
    {
        ["http://www.kith.no/xmlstds/eresept/m30/2014-12-01"] = "2.5.1",
        ["http://ehelse.no/xmlstds/eresept/m30/2024-11-01"] = "3.5",
    };

    private static readonly string[] Known = ["2.5.1", "3.5"];

    /// <summary>The version, or <see langword="null"/> when neither the namespace nor the attribute names a known one.</summary>
    public static string? Detect(string namespaceUri, string? versionAttribute)
    {
        var attribute = versionAttribute?.Trim();
        if (attribute is { Length: > 0 })
        {
            return Known.FirstOrDefault(v => v == attribute || attribute.StartsWith(v + ".", StringComparison.Ordinal));
        }

        return ByNamespace.GetValueOrDefault(namespaceUri);
    }
}
