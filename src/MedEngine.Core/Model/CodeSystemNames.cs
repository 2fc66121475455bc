namespace MedEngine.Model;

/// <summary>The names of <see cref="CodeSystem"/> in the source list format (<c>atc</c>, <c>fest</c>, <c>rxnorm</c>, <c>snomed</c>), read and written.</summary>
internal static class CodeSystemNames
{
    private static readonly (CodeSystem System, string Name)[] Names =
        [(CodeSystem.Atc, "atc"), (CodeSystem.FestProduct, "fest"), (CodeSystem.RxNorm, "rxnorm"), (CodeSystem.SnomedCt, "snomed")];

    public static string ToName(CodeSystem system) => Array.Find(Names, n => n.System == system).Name
        ?? throw new ArgumentOutOfRangeException(nameof(system), system, "Unknown code system.");

    public static bool TryParse(string? name, out CodeSystem system)
    {
        foreach (var (s, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                system = s;
                return true;
            }
        }

        system = default;
        return false;
    }
}
