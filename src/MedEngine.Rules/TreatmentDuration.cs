using System.Globalization;
using System.Text.RegularExpressions;

namespace MedEngine.Rules;

/// <summary>
/// A length of treatment as a rule file writes it: <c>4 weeks</c>, <c>3 months</c>, <c>5 years</c> (also <c>day</c>/<c>days</c>).
/// A month counts 30 days and a year 365.
/// </summary>
/// <param name="Days">The length in days.</param>
/// <param name="Text">How the rule file wrote it.</param>
internal sealed partial record TreatmentDuration(int Days, string Text)
{
    /// <summary>The longest duration a rule may name (100 years).</summary>
    public const int MaxDays = 36_500;

    /// <summary>Reads a duration; <see langword="null"/> when the text is not one.</summary>
    /// <param name="text">The text, such as <c>8 weeks</c>.</param>
    /// <returns>The duration, or <see langword="null"/>.</returns>
    public static TreatmentDuration? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxDays)
        {
            return null;
        }

        var days = match.Groups["unit"].Value switch
        {
            "day" or "days" => n,
            "week" or "weeks" => n * 7,
            "month" or "months" => n * 30,
            _ => n * 365,
        };
        return days is > 0 and <= MaxDays ? new TreatmentDuration(days, text.Trim()) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    [GeneratedRegex(@"^(?<n>\d{1,5})\s*(?<unit>days?|weeks?|months?|years?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
