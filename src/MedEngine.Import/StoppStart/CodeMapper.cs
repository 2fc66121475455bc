using System.Globalization;
using System.Text.RegularExpressions;

namespace MedEngine.Import.StoppStart;

/// <summary>
/// Maps the XML's codes to MedEngine patterns: ATC codes (a regex value, or a code above level 5, becomes a prefix
/// <c>B01AA*</c>), ICD-10 and ICPC-2 condition keys (<c>icd10:I50*</c>; a three-character ICD-10 category includes its
/// subcategories), and LOINC codes to lab tests, age or sex.
/// </summary>
internal static partial class CodeMapper
{
    /// <summary>The code systems MedEngine uses in Norway; ICPC-1-NL (Dutch) and ICD-9 iterations are alternatives of these.</summary>
    public static readonly string[] ConditionSystems = ["icd10", "icpc2"];

    /// <summary>LOINC 30525-0: age.</summary>
    public const string AgeLoinc = "30525-0";

    /// <summary>LOINC 76689-9: sex assigned at birth.</summary>
    public const string SexLoinc = "76689-9";

    /// <summary>An ATC pattern: upper case; a regex value or a code shorter than level 5 becomes a prefix.</summary>
    public static string Atc(SourceValue value)
    {
        var code = value.Text.ToUpperInvariant();
        return value.Regex || code.Length < 7 ? code + "*" : code;
    }

    /// <summary>A condition key such as <c>icd10:I50*</c>, or <see langword="null"/> for a code system MedEngine does not use.</summary>
    public static string? Condition(string terminology, SourceValue value)
    {
        if (!ConditionSystems.Contains(terminology, StringComparer.Ordinal))
        {
            return null;
        }

        var code = value.Text.ToUpperInvariant();
        var prefix = value.Regex || (terminology == "icd10" && IcdCategory().IsMatch(code));
        return $"{terminology}:{code}{(prefix ? "*" : "")}";
    }

    /// <summary>
    /// The MedEngine test for a LOINC code and threshold: a named test (<c>egfr</c>, <c>potassium</c>...), or
    /// <c>loinc:CODE</c>. Corrects the source's one known coding error (see <see cref="Errata"/>).
    /// </summary>
    public static string LabTest(string criterion, string loinc, decimal threshold) =>
        Errata.LabTest(criterion, loinc, threshold) ?? (MedEngine.Rules.LabFacts.TestName(loinc) ?? "loinc:" + loinc);

    /// <summary>Whether a lab test is one of MedEngine's named tests (examples can give those; not <c>loinc:CODE</c>).</summary>
    public static bool IsNamed(string test) => !test.StartsWith("loinc:", StringComparison.Ordinal);

    /// <summary>Parses a number written with a decimal point.</summary>
    public static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex("^[A-Z][0-9]{2}$")]
    private static partial Regex IcdCategory();
}
