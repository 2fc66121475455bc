using System.Text.RegularExpressions;

namespace MedEngine.Knowledge;

/// <summary>Checks on WHO ATC codes.</summary>
public static partial class AtcCode
{
    /// <summary>Whether a code has the shape of an ATC level 5 (chemical substance) code, such as <c>B01AA03</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for a level 5 code.</returns>
    public static bool IsSubstanceLevel(string? code) => code is not null && Level5().IsMatch(code);

    /// <summary>Whether a code has the shape of an ATC code of any level (<c>B</c>, <c>B01</c>, <c>B01A</c>, <c>B01AA</c>, <c>B01AA03</c>).</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for an ATC code.</returns>
    public static bool IsValid(string? code) => code is not null && AnyLevel().IsMatch(code);

    [GeneratedRegex("^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyLevel();

    [GeneratedRegex("^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Level5();
}
