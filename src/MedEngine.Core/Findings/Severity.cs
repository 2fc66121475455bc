namespace MedEngine.Findings;

/// <summary>
/// How serious a finding is, on FEST's scale plus <see cref="Contraindicated"/> above it. Ordered:
/// contraindicated &gt; avoid &gt; caution &gt; info.
/// </summary>
public enum Severity
{
    /// <summary>FEST Relevans 3, "ingen tiltak nødvendig": no action needed; never interrupts by default.</summary>
    Info = 0,
    /// <summary>FEST Relevans 2, "forholdsregler bør tas": take precautions.</summary>
    Caution = 1,
    /// <summary>FEST Relevans 1, "bør unngås": should be avoided.</summary>
    Avoid = 2,
    /// <summary>Must not be combined or given.</summary>
    Contraindicated = 3,
}

/// <summary>Names of <see cref="Severity"/> as written in rule files, tables and JSON.</summary>
public static class Severities
{
    /// <summary>The name of a severity (<c>info</c>, <c>caution</c>, <c>avoid</c>, <c>contraindicated</c>).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The name.</returns>
    public static string ToName(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Every name, most severe first: <c>contraindicated</c>, <c>avoid</c>, <c>caution</c>, <c>info</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Severity>().OrderDescending().Select(ToName)];

    /// <summary>Parses a severity name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="severity">The severity, when known.</param>
    /// <returns><see langword="true"/> when the name is a severity.</returns>
    public static bool TryParse(string? name, out Severity severity)
    {
        foreach (var value in Enum.GetValues<Severity>())
        {
            if (string.Equals(ToName(value), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = value;
                return true;
            }
        }

        severity = Severity.Info;
        return false;
    }

    /// <summary>Moves a severity up or down the scale, staying within it.</summary>
    /// <param name="severity">The severity.</param>
    /// <param name="steps">Steps up (positive) or down (negative).</param>
    /// <returns>The moved severity.</returns>
    public static Severity Shift(Severity severity, int steps) =>
        (Severity)Math.Clamp((int)severity + steps, (int)Severity.Info, (int)Severity.Contraindicated);
}
