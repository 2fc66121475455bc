using System.Globalization;

namespace MedEngine.Serialization;

/// <summary>
/// The one reading of dates and date-times in MedEngine's inputs, strict ISO 8601 (extended form): a date <c>2026-11-26</c>
/// (the start of that day, UTC) or a date-time with seconds, an optional fraction and an offset or <c>Z</c>
/// (<c>2026-11-26T10:15:00+01:00</c>). Nothing else is guessed: not a time alone, not a local date order, not a date-time
/// without its offset.
/// </summary>
public static class IsoDateTimes
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Reads a date or a date-time as described on the class.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant; the start of the day (UTC) for a date.</param>
    /// <returns>Whether the text is one.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        if (text.Length == 10)
        {
            var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            value = ok ? new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero) : default;
            return ok;
        }

        return HasOffset(text) && DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// Reads FHIR's <c>date</c>, <c>dateTime</c> and <c>instant</c>: besides the forms of <see cref="TryParse"/>, a year
    /// (<c>2019</c>) or a year and month (<c>2019-03</c>), read as the first day.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant.</param>
    /// <returns>Whether the text is one.</returns>
    public static bool TryParseFhir(string? text, out DateTimeOffset value) => TryParse(text?.Length switch
    {
        4 => text + "-01-01",
        7 => text + "-01",
        _ => text,
    }, out value);

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
