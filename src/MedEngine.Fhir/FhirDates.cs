using System.Globalization;
using MedEngine.Serialization;

namespace MedEngine.Fhir;

/// <summary>Reads FHIR date and dateTime strings, including partial dates (<c>2019</c>, <c>2019-03</c>), as UTC when no offset is given.</summary>
internal static class FhirDates
{
    public static DateTimeOffset? Parse(string? text) => IsoDateTimes.TryParseFhir(text?.Trim(), out var date) ? date : null;

    public static DateOnly? ParseDate(string? text) =>
        text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
