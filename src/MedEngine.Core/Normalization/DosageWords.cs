using System.Globalization;
using System.Text.RegularExpressions;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// The words of dosage texts: how a text is brought to one spelling before it is read (lower case, numbers as digits, fractions as
/// decimals), the units an amount is counted in, and the words that say nothing about the dose.
/// </summary>
internal static partial class DosageWords
{
    /// <summary>A unit written after an amount: every spelling <see cref="MeasureUnits"/> knows that a dosage text uses, and the forms below.</summary>
    internal const string Unit =
        @"(?:sublingualtablett(?:er)?|smeltetablett(?:er)?|depottablett(?:er)?|brusetablett(?:er)?|tyggetablett(?:er)?|resoribletter?|tabletter|tablett|tablets|tablet|tabl|tbl|tabs|tab"
        + @"|depotkapsler|depotkapsel|kapsler|kapsel|kaps|capsules|capsule|caps|cap|piller|pille|pills|pill"
        + @"|dråper|dråpe|drops|drop|gtt|puffs|puff|pust|sug|inhalasjoner|inhalasjon|inhalations|inhalation|inh|doser|dose|drag|sprays|spray"
        + @"|plaster|patches|patch|stikkpiller|stikkpille|suppositories|suppository|supp|doseposer|dosepose|poser|pose|sachets|sachet|stykk|stk"
        + @"|ampuller|ampulle|ampoules|ampoule|amp|mikrogram|microgram|mcg|µg|μg|ug|mg|g|mmol|enheter|units|ie|iu|e|u|ml)(?![a-zæøåµμ])\.?";

    private static readonly Dictionary<string, string> UnitAliases = new(StringComparer.Ordinal)
    {
        ["pille"] = "tablet", ["piller"] = "tablet", ["pill"] = "tablet", ["pills"] = "tablet", ["tablets"] = "tablet",
        ["pust"] = "puff", ["sug"] = "puff", ["inh"] = "puff", ["inhalation"] = "puff", ["inhalations"] = "puff", ["spray"] = "puff", ["sprays"] = "puff",
        ["depotkapsel"] = "capsule", ["depotkapsler"] = "capsule", ["suppositories"] = "suppository", ["sachet"] = "sachet", ["ampoules"] = "ampoule",
    };

    private static readonly string[] TabletForms = ["sublingualtablett", "smeltetablett", "depottablett", "brusetablett", "tyggetablett", "resoriblett"];

    /// <summary>Words that say how, where or with what a dose is taken, and never how much or how often.</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "om", "i", "og", "per", "pr", "ta", "tas", "tar", "take", "by", "mouth", "orally", "po", "med", "with", "vann", "water", "mat", "maten",
        "food", "a", "an", "the", "til", "ved", "at", "and", "in", "on", "fast", "regular", "regularly", "regelmessig", "hver", "hvert", "every",
        "gis", "give", "given", "to", "be", "taken", "jeg", "den", "dem", "it", "sc", "s", "c", "iv", "v", "im", "m", "p", "o", "subkutant", "subcutaneously", "subcutaneous",
        "intravenøst", "intravenously", "peroralt", "inhaleres", "inhaled", "inhale", "apply", "applied", "inject", "injiseres", "settes", "skiftes",
        "byttes", "change", "påføres", "smøres", "tynt", "thinly", "kur", "fastende", "på", "tom", "mage", "empty", "stomach", "etter", "før",
        "before", "after", "meal", "meals", "måltid", "måltider", "måltidet", "glass", "tablett", "tabletter", "tabl", "tbl", "tablet",
        "tablets", "kapsel", "kapsler", "kaps", "capsule", "capsules", "stk", "dose", "doser", "dråpe", "dråper", "drops", "puff", "puffs",
        "plaster", "patch", "ml",
    };

    /// <summary>Whether a word says nothing about the dose or its frequency.</summary>
    internal static bool IsFiller(string word) => Fillers.Contains(word);

    /// <summary>The unit a written unit word stands for.</summary>
    internal static bool TryUnit(string? word, out MeasureUnit unit)
    {
        unit = MeasureUnits.ProductUnit;
        if (string.IsNullOrEmpty(word))
        {
            return false;
        }

        var key = word.TrimEnd('.');
        if (TabletForms.Any(form => key.StartsWith(form, StringComparison.Ordinal)))
        {
            key = "tablet";
        }

        return MeasureUnits.TryParse(UnitAliases.GetValueOrDefault(key, key), out unit);
    }

    /// <summary>
    /// One spelling for a dosage text: lower case, padded with a space, a decimal comma as a point, ½ ¼ ¾ and 1/2, 1/4, 3/4 and
    /// "1 1/2" as decimals, number words ("en", "to", "halvannen", "one and a half") and ordinals ("åttende") as digits, and
    /// "1 til 2", "1 eller 2", "1 to 2" as the range 1-2.
    /// </summary>
    internal static string Normalize(string text)
    {
        var s = " " + text.ToLowerInvariant() + " ";
        s = DecimalComma().Replace(s, "$1.$2");
        s = MixedFraction().Replace(s, m => Decimal(Whole(m) + Fraction(m.Groups["f"].Value)));
        s = Fraction().Replace(s, m => Decimal(Fraction(m.Value)));
        s = OneAndAHalf().Replace(s, " 1.5 ");
        s = AHalf().Replace(s, " 0.5 ");
        s = NumberWord().Replace(s, m => NumberWords[m.Value]);
        s = Ordinal().Replace(s, m => Ordinals[m.Groups[1].Value]);
        s = UpTo().Replace(s, " inntil ");
        s = Range().Replace(s, "$1-$2");
        return Two().Replace(s, "2");
    }

    private static decimal Whole(Match m) => m.Groups["w"].Success ? decimal.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture) : 0m;

    private static decimal Fraction(string fraction) => fraction switch
    {
        "½" or "1/2" => 0.5m,
        "¼" or "1/4" => 0.25m,
        "¾" or "3/4" => 0.75m,
        _ => throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Not a fraction read in dosage texts."),
    };

    private static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["en"] = "1", ["ett"] = "1", ["én"] = "1", ["ein"] = "1", ["one"] = "1", ["two"] = "2", ["tre"] = "3", ["three"] = "3", ["fire"] = "4",
        ["four"] = "4", ["fem"] = "5", ["five"] = "5", ["seks"] = "6", ["six"] = "6", ["sju"] = "7", ["syv"] = "7", ["seven"] = "7",
        ["åtte"] = "8", ["eight"] = "8", ["ni"] = "9", ["nine"] = "9", ["ti"] = "10", ["ten"] = "10",
    };

    private static readonly Dictionary<string, string> Ordinals = new(StringComparer.Ordinal)
    {
        ["tredje"] = "3.", ["third"] = "3.", ["fjerde"] = "4.", ["fourth"] = "4.", ["femte"] = "5.", ["sjette"] = "6.", ["sjuende"] = "7.",
        ["syvende"] = "7.", ["åttende"] = "8.", ["eighth"] = "8.", ["tolvte"] = "12.", ["twelfth"] = "12.",
    };

    [GeneratedRegex(@"([0-9]),([0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"(?<![0-9.,/])(?:(?<w>[0-9]+)\s+(?<f>[13]/[24])|(?:(?<w>[0-9]+)\s*)?(?<f>[½¼¾]))(?![0-9/])", RegexOptions.CultureInvariant)]
    private static partial Regex MixedFraction();

    [GeneratedRegex(@"(?<![0-9.,/])(?:1/2|1/4|3/4)(?![0-9/])", RegexOptions.CultureInvariant)]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\s(?:(?:en|ett|one)\s+(?:og|and)\s+(?:en|a)\s+(?:halv|half)|halvannen|halvannet)(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex OneAndAHalf();

    [GeneratedRegex(@"\s(?:en\s+halv|half\s+an?|an?\s+half|halv|half)(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex AHalf();

    [GeneratedRegex(@"(?<![a-zæøåéµμ])(?:en|ett|én|ein|one|two|tre|three|fire|four|fem|five|seks|six|sju|syv|seven|åtte|eight|ni|nine|ti|ten)(?![a-zæøåéµμ])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"(?<![a-zæøå])(tredje|third|fjerde|fourth|femte|sjette|sjuende|syvende|åttende|eighth|tolvte|twelfth)(?![a-zæøå])", RegexOptions.CultureInvariant)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?:up\s+to|opp\s+til)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UpTo();

    [GeneratedRegex(@"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)\s+(?:til|eller|to|or)\s+([0-9]+(?:\.[0-9]+)?)(?![0-9.])", RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<!(?:day|mon|tue|wed|thu|fri|sat|sun)\s+)(?<![a-zæøå])to(?![a-zæøå])(?!\s+be\s)", RegexOptions.CultureInvariant)]
    private static partial Regex Two();
}
