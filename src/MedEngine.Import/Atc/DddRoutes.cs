namespace MedEngine.Import.Atc;

/// <summary>The WHO DDD route codes as MedEngine's canonical routes (<c>O</c> → <c>oral</c>); an unknown code is kept in lower case.</summary>
internal static class DddRoutes
{
    private static readonly Dictionary<string, string> Routes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["O"] = "oral",
        ["P"] = "parenteral",
        ["R"] = "rectal",
        ["N"] = "nasal",
        ["V"] = "vaginal",
        ["SL"] = "oromucosal",
        ["TD"] = "transdermal",
        ["implant"] = "subcutaneous",
        ["s.c. implant"] = "subcutaneous",
    };

    public static string Canonical(string? who) => who switch
    {
        null => string.Empty,
        _ when Routes.TryGetValue(who, out var route) => route,
        _ when who.StartsWith("inhal", StringComparison.OrdinalIgnoreCase) => "inhalation",
        _ => who.ToLowerInvariant(),
    };
}
