using System.Globalization;
using System.Text.RegularExpressions;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// Reads dosage texts in Norwegian and English ("1 tablett 2 ganger daglig", "1x2", "1-0-1", "2 tabl morgen og kveld",
/// "ved behov, maks 4 per døgn", "1 tablet twice daily", "every 8 hours", "q8h", "prn").
/// A text is understood only when every word in it is accounted for; otherwise the result says what was not understood.
/// </summary>
internal static partial class DosageTextParser
{
    private const string Number = @"(?:[0-9]+(?:[.,][0-9]+)?|½|(?:en|ett|én|ein|one|to|two|tre|three|fire|four|fem|five|seks|six|halv|half)\b)";

    /// <summary>The longest dosage text read; a longer one is not understood, with the reason.</summary>
    internal const int MaxLength = 500;

    private static readonly Dictionary<string, decimal> NumberWords = new(StringComparer.Ordinal)
    {
        ["½"] = 0.5m, ["halv"] = 0.5m, ["half"] = 0.5m, ["en"] = 1, ["ett"] = 1, ["én"] = 1, ["ein"] = 1, ["one"] = 1,
        ["to"] = 2, ["two"] = 2, ["tre"] = 3, ["three"] = 3, ["fire"] = 4, ["four"] = 4, ["fem"] = 5, ["five"] = 5,
        ["seks"] = 6, ["six"] = 6,
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "om", "i", "og", "per", "pr", "ta", "tas", "take", "by", "mouth", "orally", "po", "med", "with", "vann", "water", "mat",
        "food", "a", "an", "the", "til", "ved", "at", "and", "daglig", "dagl", "daily", "day", "dag", "dagen", "døgn", "døgnet",
        "inntil", "sammen", "eller", "or", "then", "deretter", "fast", "fast", "regular", "regularly", "hver", "every", "each",
        "tablett", "tabletter", "tabl", "tbl", "tablet", "tablets", "kapsel", "kapsler", "kaps", "capsule", "capsules",
        "stk", "dose", "doser", "dråpe", "dråper", "drops", "puff", "puffs", "drag", "plaster", "patch", "ml",
    };

    private static readonly (Regex Pattern, int Count)[] TimeOfDay =
    [
        (new Regex(@"\b(?:morgen(?:en)?|morning)\b", RegexOptions.CultureInvariant), 1),
        (new Regex(@"\b(?:formiddag(?:en)?)\b", RegexOptions.CultureInvariant), 1),
        (new Regex(@"\b(?:middag(?:en)?|noon|lunch|midday)\b", RegexOptions.CultureInvariant), 1),
        (new Regex(@"\b(?:ettermiddag(?:en)?|afternoon)\b", RegexOptions.CultureInvariant), 1),
        (new Regex(@"\b(?:kveld(?:en)?|evening)\b", RegexOptions.CultureInvariant), 1),
        (new Regex(@"\b(?:natt(?:en)?|night|bedtime|sengetid)\b", RegexOptions.CultureInvariant), 1),
    ];

    /// <summary>Reads a dosage text.</summary>
    /// <param name="text">The dosage text as written.</param>
    /// <returns>What the text says; <see cref="DosageInterpretation.Unknown"/> with a <see cref="DosageInterpretation.Problem"/> when not understood.</returns>
    public static DosageInterpretation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DosageInterpretation.Unknown;
        }

        if (text.Length > MaxLength)
        {
            // Read in steps that each go over the text again: a bound keeps every text's cost small and linear in the input.
            return DosageInterpretation.Unknown with { Problem = $"Dosage text of {text.Length} characters is longer than any dosage ({MaxLength} at most): '{InputError.Cut(text)}'." };
        }

        if (ImplausibleNumber().Match(text) is { Success: true } huge)
        {
            // Checked before any arithmetic: no dose is a number of ten digits or more, and none may overflow.
            return DosageInterpretation.Unknown with { Problem = $"Dosage text has a number beyond any plausible dose: '{InputError.Cut(huge.Value)}'." };
        }

        var rest = " " + DecimalComma().Replace(text.ToLowerInvariant(), "$1.$2") + " ";
        var asNeeded = Take(ref rest, AsNeededPattern()) is not null;
        decimal? maxTimes = null;
        if (Take(ref rest, MaxPattern()) is { } max)
        {
            maxTimes = ToNumber(max.Groups["n"].Value);
        }

        Quantity? amount = null;
        decimal? times = null;
        Quantity? perDay = null;
        if (Take(ref rest, Schedule()) is { } schedule)
        {
            var parts = schedule.Groups["n"].Captures.Select(c => ToNumber(c.Value)).ToList();
            var unit = UnitOf(schedule, ref rest);
            var given = parts.Where(p => p > 0).ToList();
            times = given.Count;
            perDay = new Quantity(parts.Sum(), unit);
            amount = given.Distinct().Count() == 1 ? new Quantity(given[0], unit) : null;
        }
        else if (Take(ref rest, TimesNotation()) is { } cross)
        {
            amount = new Quantity(ToNumber(cross.Groups["a"].Value), UnitOf(cross, ref rest));
            times = ToNumber(cross.Groups["t"].Value);
        }
        else
        {
            if (Take(ref rest, LeadingAmount()) is { } lead)
            {
                amount = new Quantity(ToNumber(lead.Groups["n"].Value), UnitOf(lead, ref rest));
            }

            times = TakeFrequency(ref rest);
        }

        var leftover = rest.Split([' ', ',', '.', ';', ':', '(', ')', '-', '/'], StringSplitOptions.RemoveEmptyEntries).Where(w => !Fillers.Contains(w)).ToList();
        if (leftover.Count > 0)
        {
            return DosageInterpretation.Unknown with { Problem = $"Dosage text not understood: '{text.Trim()}' (could not read '{string.Join(' ', leftover)}')." };
        }

        if (times is null && !asNeeded)
        {
            return DosageInterpretation.Unknown with { Problem = $"Dosage text gives no frequency: '{text.Trim()}'." };
        }

        if (perDay is null && amount is not null && times is not null)
        {
            perDay = amount with { Value = amount.Value * times.Value };
        }

        return new DosageInterpretation
        {
            AmountPerDose = amount,
            TimesPerDay = asNeeded && times is null ? null : times,
            AmountPerDay = asNeeded ? null : perDay,
            AsNeeded = asNeeded,
            MaxTimesPerDay = maxTimes,
        };
    }

    private static decimal? TakeFrequency(ref string rest)
    {
        if (Take(ref rest, TimesPerDayPattern()) is { } n)
        {
            return ToNumber(n.Groups["n"].Value);
        }

        if (Take(ref rest, EveryHours()) is { } hours)
        {
            var h = ToNumber(hours.Groups["h"].Value);
            return h > 0 ? 24m / h : null;
        }

        if (Take(ref rest, Weekly()) is { } weekly)
        {
            return (weekly.Groups["n"].Success ? ToNumber(weekly.Groups["n"].Value) : 1m) / 7m;
        }

        if (Take(ref rest, Latin()) is { } latin)
        {
            return latin.Groups[1].Value.Replace(".", "", StringComparison.Ordinal) switch { "bid" => 2, "tid" => 3, "qid" => 4, _ => 1 };
        }

        if (Take(ref rest, OnceTwice()) is { } word)
        {
            return word.Groups[1].Value switch { "once" => 1, "twice" => 2, _ => 3 };
        }

        var count = 0;
        foreach (var (pattern, c) in TimeOfDay)
        {
            while (Take(ref rest, pattern) is not null)
            {
                count += c;
            }
        }

        if (count > 0)
        {
            return count;
        }

        return Take(ref rest, Daily()) is not null ? 1 : null;
    }

    private static Match? Take(ref string rest, Regex pattern)
    {
        var match = pattern.Match(rest);
        if (!match.Success)
        {
            return null;
        }

        rest = string.Concat(rest.AsSpan(0, match.Index), " ", rest.AsSpan(match.Index + match.Length));
        return match;
    }

    private static decimal ToNumber(string text) =>
        NumberWords.TryGetValue(text, out var word) ? word : decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>The unit a match captured; a captured word that is no unit goes back into the text still to be read.</summary>
    private static MeasureUnit UnitOf(Match match, ref string rest)
    {
        var text = match.Groups["unit"].Value;
        if (MeasureUnits.TryParse(text, out var unit))
        {
            return unit;
        }

        rest += " " + text + " ";
        return MeasureUnits.ProductUnit;
    }

    [GeneratedRegex(@"[0-9]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex ImplausibleNumber();

    [GeneratedRegex(@"([0-9])[,]([0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"\b(?:ved\s+behov|etter\s+behov|v\.\s?b\.?|vb|p\.?r\.?n\.?|as\s+needed|when\s+needed|if\s+needed|as\s+required)(?=[\s,.;:)]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AsNeededPattern();

    [GeneratedRegex(@"\b(?:maks(?:imalt|imum)?|max(?:imum)?|høyst|inntil|up\s+to|not\s+more\s+than)\.?\s*(?<n>" + Number + @")\s*(?:[a-zæøå]+\s*)?(?:per|pr\.?|i|/|a|in)?\s*(?:døgn(?:et)?|dag(?:en)?|day|24\s*t(?:imer)?|24\s*h(?:ours)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MaxPattern();

    [GeneratedRegex(@"(?<![0-9.])(?<n>[0-9]+(?:\.[0-9]+)?|½)\s*[-–]\s*(?<n>[0-9]+(?:\.[0-9]+)?|½)\s*[-–]\s*(?<n>[0-9]+(?:\.[0-9]+)?|½)(?:\s*[-–]\s*(?<n>[0-9]+(?:\.[0-9]+)?|½))?(?![0-9.])\s*(?<unit>[a-zæøåµ]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Schedule();

    [GeneratedRegex(@"(?<![0-9.])(?<a>[0-9]+(?:\.[0-9]+)?|½)\s*(?<unit>[a-zæøåµ]+)?\s*[x×]\s*(?<t>[0-9]+)(?![0-9.])", RegexOptions.CultureInvariant)]
    private static partial Regex TimesNotation();

    [GeneratedRegex(@"^\s*(?<n>" + Number + @")\s*(?<unit>[a-zæøåµ%/]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAmount();

    [GeneratedRegex(@"(?<n>" + Number + @")\s*(?:ganger|gang|g\.?|x|times|time)\s*(?:daglig|dagl\.?|om\s+dagen|per\s+dag|pr\.?\s*dag|per\s+døgn|pr\.?\s*døgn|i\s+døgnet|daily|a\s+day|per\s+day|/\s*d(?:ag|ay)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TimesPerDayPattern();

    [GeneratedRegex(@"\b(?:every|hver|hvert|q)\s*(?<h>[0-9]+)\.?\s*(?:hours?|hrs?|h|time|timer|timen)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EveryHours();

    [GeneratedRegex(@"(?:(?<n>" + Number + @")\s*(?:gang|ganger|times?)\s*(?:i\s+uken|per\s+uke|pr\.?\s*uke|ukentlig|a\s+week|per\s+week|weekly)|\b(?:ukentlig|once\s+weekly|weekly|en\s+gang\s+i\s+uken)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Weekly();

    [GeneratedRegex(@"\b(b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|o\.?d\.?|q\.?d\.?)(?=[\s,;:)]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Latin();

    [GeneratedRegex(@"\b(once|twice|thrice)\s*(?:daily|a\s+day|per\s+day|every\s+day)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex OnceTwice();

    [GeneratedRegex(@"\b(?:daglig|dagl|daily|once\s+a\s+day|hver\s+dag|every\s+day|om\s+dagen)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Daily();
}
