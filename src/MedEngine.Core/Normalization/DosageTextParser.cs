using System.Globalization;
using System.Text.RegularExpressions;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// Reads dosage texts in Norwegian and English as medication lists carry them ("1 tablett 2 ganger daglig", "1x2", "1+0+1",
/// "2 tbl morg + 1 tbl kv", "annenhver dag", "hver 8. time", "1 gang i uken", "v.b. maks 4 tbl/døgn", "1 tab bid", "one patch every 72 hours").
/// A text is read only when every word in it is accounted for; otherwise the result is <see cref="DosageInterpretation.NotUnderstood"/> and says
/// which words were not read. A text read but without one regular daily dose (as needed, a range, tapering, a plan kept elsewhere, a dose
/// per eye) gives no daily dose and, except for as needed, says why. docs/dosage-texts.md lists what is read and what is refused.
/// </summary>
internal static partial class DosageTextParser
{
    /// <summary>The longest dosage text read; a longer one is not understood, with the reason.</summary>
    internal const int MaxLength = 500;

    /// <summary>Reads a dosage text.</summary>
    /// <param name="text">The dosage text as written.</param>
    /// <returns>What the text says; <see cref="DosageInterpretation.Unknown"/> when there is no text.</returns>
    public static DosageInterpretation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DosageInterpretation.Unknown;
        }

        if (text.Length > MaxLength)
        {
            // Read in steps that each go over the text again: a bound keeps every text's cost small and linear in the input.
            return NotUnderstood($"Dosage text of {text.Length} characters is longer than any dosage ({MaxLength} at most): '{InputError.Cut(text)}'.");
        }

        if (ImplausibleNumber().Match(text) is { Success: true } huge)
        {
            // Checked before any arithmetic: no dose is a number of ten digits or more, and none may overflow.
            return NotUnderstood($"Dosage text has a number beyond any plausible dose: '{InputError.Cut(huge.Value)}'.");
        }

        var written = text.Trim();
        var rest = DosageWords.Normalize(text);
        if (Plan().Match(rest) is { Success: true } plan)
        {
            return NoDailyDose(written, $"it follows a plan or an earlier dosage: '{plan.Value.Trim()}'");
        }

        if (ChangesOverTime().Match(rest) is { Success: true } change)
        {
            return NoDailyDose(written, $"the dose changes over time: '{change.Value.Trim()}'");
        }

        if (Month().Match(rest) is { Success: true } month)
        {
            return NoDailyDose(written, $"a month is no fixed number of days: '{month.Value.Trim()}'");
        }

        return new DosageTextReading(written).Read(rest);
    }

    private static DosageInterpretation NotUnderstood(string problem) => DosageInterpretation.Unknown with { NotUnderstood = true, Problem = problem };

    private static DosageInterpretation NoDailyDose(string written, string reason) => DosageInterpretation.Unknown with { Problem = NoDailyDoseProblem(written, reason) };

    private static string NoDailyDoseProblem(string written, string reason) => $"Dosage text has no single daily dose: '{written}' ({reason}).";

    private static Match? Take(ref string rest, Regex pattern, string replacement = " ")
    {
        var match = pattern.Match(rest);
        if (!match.Success)
        {
            return null;
        }

        Replace(ref rest, match, replacement);
        return match;
    }

    private static void Replace(ref string rest, Match match, string replacement) =>
        rest = string.Concat(rest.AsSpan(0, match.Index), replacement, rest.AsSpan(match.Index + match.Length));

    private static decimal Number(Match match, string group) => decimal.Parse(match.Groups[group].Value.TrimEnd('.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static MeasureUnit? UnitOf(Match match) => DosageWords.TryUnit(match.Groups["unit"].Value, out var unit) ? unit : null;
}
