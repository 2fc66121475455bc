namespace MedEngine.Model;

/// <summary>Names and groupings of <see cref="SourceKind"/> used across inputs and outputs.</summary>
public static class SourceKinds
{
    private static readonly (SourceKind Kind, string Name)[] Names =
    [
        (SourceKind.Unknown, "unknown"),
        (SourceKind.GeneralPractitioner, "gp"),
        (SourceKind.Hospital, "hospital"),
        (SourceKind.MunicipalCare, "municipal"),
        (SourceKind.Pll, "pll"),
        (SourceKind.Prescriptions, "prescriptions"),
        (SourceKind.Dispensing, "dispensing"),
        (SourceKind.Multidose, "multidose"),
        (SourceKind.PatientReported, "patient"),
    ];

    /// <summary>The short name of a kind, as used on the command line and in JSON (<c>gp</c>, <c>hospital</c>, ...).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The kind's name.</returns>
    public static string ToName(SourceKind kind) => Array.Find(Names, n => n.Kind == kind).Name ?? "unknown";

    /// <summary>Parses a short kind name (case-insensitive).</summary>
    /// <param name="name">The name, such as <c>gp</c>.</param>
    /// <param name="kind">The kind, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is one of the known kinds.</returns>
    public static bool TryParse(string? name, out SourceKind kind)
    {
        foreach (var (k, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = SourceKind.Unknown;
        return false;
    }

    /// <summary>All short names, in declaration order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Array.ConvertAll(Names, n => n.Name);

    /// <summary>
    /// Whether lists of this kind are clinician-maintained medication lists (GP, hospital, municipal care,
    /// multidose, PLL): the lists whose omissions and staleness matter.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for a clinician list.</returns>
    public static bool IsClinicianList(SourceKind kind) => kind is SourceKind.GeneralPractitioner or SourceKind.Hospital
        or SourceKind.MunicipalCare or SourceKind.Multidose or SourceKind.Pll;
}
