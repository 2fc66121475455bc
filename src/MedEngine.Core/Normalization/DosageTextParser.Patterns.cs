using System.Text.RegularExpressions;

namespace MedEngine.Normalization;

/// <summary>The phrases of dosage texts, as they read after <see cref="DosageWords.Normalize"/>.</summary>
internal static partial class DosageTextParser
{
    private const string Num = @"[0-9]+(?:\.[0-9]+)?";

    private const string Start = @"(?<![a-zæøåµμ])";

    private const string End = @"(?![a-zæøåµμ])";

    private const string Symptom = @"(?:brystsmerter|smerter|smerte|vondt|kvalme|søvnvansker|søvnløshet|søvn|uro|angst|feber|anfall|forstoppelse|tung\s+pust|pustebesvær"
        + @"|hodepine|kløe|migrene|diaré|hoste|chest\s+pain|pain|nausea|sleep|anxiety|fever|constipation|wheezing|shortness\s+of\s+breath|headache|itching"
        + @"|agitation|insomnia)" + End;

    private const string PerDay = @"(?:daglig|dagl\.?|daily|a\s+day|per\s+(?:dag|døgn|day)|pr\.?\s*(?:dag|døgn)|i\s+døgnet|om\s+dagen)" + End;

    private const string PerWeek = @"(?:ukentlig|weekly|a\s+week|per\s+week|every\s+week|i\s+uken|i\s+uka|per\s+uke|pr\.?\s*uke|/\s*uke|hver\s+uke)" + End;

    private const string Day = @"(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:er|en|s)?"
        + @"|man|tirs|tir|ons|tors|tor|fre|lør|søn|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)" + End + @"\.?";

    /// <summary>An hour ("8", "08", "08.00", "20:30"), not followed by a unit: in "kl 8 og 2 tbl" the 2 is an amount.</summary>
    private const string Clock = @"[0-2]?[0-9](?:[.:][0-5][0-9])?(?![0-9])(?!\s*" + DosageWords.Unit + ")";

    [GeneratedRegex(@"[0-9]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex ImplausibleNumber();

    [GeneratedRegex(Start + @"(?:etter\s+(?:inr|skjema|avtale|blodsukker|plan|ordinasjon|nærmere\s+avtale)|se\s+(?:eget\s+|egen\s+)?(?:skjema|doseringskort|plan|ordinasjonskort)"
        + @"|som\s+(?:før|tidligere)|(?:as|if)\s+directed|as\s+before|uendret)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex Plan();

    [GeneratedRegex(Start + @"(?:deretter|så|then|thereafter|followed\s+by|nedtrapping\w*|trapp\w*|opptrapping\w*|økes|øke|økning|reduseres|reduser|halveres|taper\w*"
        + @"|titrer\w*|titrat\w*|increase\w*|decrease\w*|reduce\w*|startdose|ladningsdose|loading|første\s+(?:dag|uke)|first\s+(?:day|week)|dag\s+[0-9]|day\s+[0-9]"
        + @"|pause|opphold)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex ChangesOverTime();

    [GeneratedRegex(Start + @"(?:måned\w*|mnd|months?|monthly)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex Month();

    [GeneratedRegex(Start + @"(?:(?:i|in|into)\s+)?(?:hvert|hver|begge|each|both)\s+(?:øye|øyne|eye|eyes|nesebor|neseborene|nostril|nostrils|øre|ører|ear|ears)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex PerSite();

    [GeneratedRegex(Start + @"(?:i|in|into)\s+(?:the\s+)?(?:høyre|venstre|left|right)\s+(?:øye|eye|øre|ear|nesebor|nostril)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex OneSite();

    [GeneratedRegex(Start + @"(?:(?:ved|etter)\s+behov" + End + @"|v\s*/\s*b" + End + @"|v\.\s*b" + End + @"\.?|vb" + End + @"|p\.?r\.?n" + End + @"\.?"
        + @"|(?:as|when|if)\s+(?:needed|required)" + End + @"|ved\s+" + Symptom + ")", RegexOptions.CultureInvariant)]
    private static partial Regex AsNeededPattern();

    /// <summary>A word just before "ved behov" that adds it to a regular dose ("1 tablett morgen og ved behov", "x 3, evt. v.b.").</summary>
    [GeneratedRegex(Start + @"(?:og|and|samt|pluss|plus|ev|evt|eventuelt|tillegg|ekstra|extra|also|additionally)\.?\s*,?\s*$|\+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AlsoBefore();

    [GeneratedRegex(Start + @"(?:for|mot)\s+" + Symptom, RegexOptions.CultureInvariant)]
    private static partial Regex Indication();

    [GeneratedRegex(Start + Symptom, RegexOptions.CultureInvariant)]
    private static partial Regex BareSymptom();

    [GeneratedRegex(Start + @"(?:inntil|til)\s+videre|until\s+further\s+notice|fast\s+medisin" + End, RegexOptions.CultureInvariant)]
    private static partial Regex UntilFurtherNotice();

    [GeneratedRegex(Start + @"(?:(?:maks(?:imalt|imum)?|max(?:imum)?|høyst|inntil|opptil|not\s+more\s+than|no\s+more\s+than)\.?\s*(?:(?<x>x)\s*(?<n>" + Num + @")|(?<n>" + Num
        + @")\s*(?:(?<times>x|ganger|gang|times)" + End + @"|(?<unit>" + DosageWords.Unit + @"))?)\s*(?:(?:per|pr\.?|i|/|a|in|om)\s*)?(?:døgn(?:et)?|dag(?:en)?|day|daily|daglig"
        + @"|24\s*(?:t|timer|h|hours?))" + End + @"|(?:maks|max)\.?\s*(?<x>x)\s*(?<n>" + Num + @")(?![0-9]|\.[0-9]))", RegexOptions.CultureInvariant)]
    private static partial Regex MaxPattern();

    [GeneratedRegex(Start + @"(?:i|for|x)\s*(?<n>" + Num + @")\s*(?<u>dager|dag|døgn|days|day|d|uker|uke|weeks|week)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex Course();

    [GeneratedRegex(@"(?<![0-9.\-–+]|kl\.?\s{0,3})(?<n>" + Num + @")(?:\s*[-–+]\s*(?<n>" + Num + @")){2,3}(?![0-9]|\.[0-9]|\s*[-–+]\s*[0-9])(?:\s*(?<unit>" + DosageWords.Unit + "))?", RegexOptions.CultureInvariant)]
    private static partial Regex Schedule();

    [GeneratedRegex(Start + @"(?:kl\.?|at)\s*(?<h>" + Clock + @")(?:\s*(?:,|og|and|-|–|\+|&)\s*(?:kl\.?\s*|at\s*)?(?<h>" + Clock + "))*", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTimes();

    [GeneratedRegex(Start + @"(?:at\s+)?(?<h>[01]?[0-9])(?::[0-5][0-9])?\s*(?<pm>am|pm|a\.m|p\.m)" + End + @"\.?", RegexOptions.CultureInvariant)]
    private static partial Regex ClockAmPm();

    [GeneratedRegex(@"(?<![0-9.])(?<a>" + Num + @")\s*[-–]\s*(?<b>" + Num + @")\s*(?:x|ganger|gang|times)\s*" + PerDay, RegexOptions.CultureInvariant)]
    private static partial Regex TimesRange();

    [GeneratedRegex(@"(?:" + Start + @"(?:hver|hvert|every)\s*|" + Start + @"q)(?<a>[0-9]+)\.?\s*[-–]\s*(?<b>[0-9]+)\.?\s*(?:timer|time|timen|hours|hour|hrs|hr|h)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex IntervalRange();

    [GeneratedRegex(@"(?<![0-9.\-–+])(?<a>" + Num + @")\s*[-–]\s*(?<b>" + Num + @")(?![0-9]|\.[0-9]|\s*[-–+]\s*[0-9])(?:\s*(?<unit>" + DosageWords.Unit + "))?", RegexOptions.CultureInvariant)]
    private static partial Regex AmountRange();

    [GeneratedRegex(@"(?:(?<![0-9.])(?<a>" + Num + @")\s*(?:(?<unit>" + DosageWords.Unit + @")\s*)?|(?<![a-zæøåµμ0-9.]))[x×]\s*(?<t>[0-9]+)(?![0-9]|\.[0-9])(?<week>\s*" + PerWeek + ")?", RegexOptions.CultureInvariant)]
    private static partial Regex Cross();

    [GeneratedRegex(@"(?<![0-9.])(?<n>[1-7])\s+(?:dager|days)\s+(?:i\s+uken|i\s+uka|per\s+uke|pr\.?\s*uke|a\s+week|per\s+week)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex DaysPerWeek();

    [GeneratedRegex(@"(?:(?<![0-9.\-–])(?<n>" + Num + @")\s*(?:x|ganger|gang|times|time)\s*|" + Start + @"(?<w>once|twice|thrice)\s+)?" + Start + PerWeek, RegexOptions.CultureInvariant)]
    private static partial Regex Weekly();

    [GeneratedRegex(Start + @"(?:unntatt|except|men\s+ikke|ikke\s+på|not\s+on)\s+(?<d>" + Day + @")(?:\s*(?:,|og|and|&|/)\s*(?<d>" + Day + "))*", RegexOptions.CultureInvariant)]
    private static partial Regex ExceptDays();

    [GeneratedRegex(Start + @"(?<a>" + Day + @")\s*(?:-|–|til|to)\s*(?<b>" + Day + ")", RegexOptions.CultureInvariant)]
    private static partial Regex DayRange();

    [GeneratedRegex(Start + @"(?:(?<every>hver|every|on)\s+)?(?<d>" + Day + @")(?:\s*(?:,|og|and|&|/|\+)\s*(?<d>" + Day + "))*", RegexOptions.CultureInvariant)]
    private static partial Regex DayList();

    [GeneratedRegex(Start + @"(?:annenhver|annen\s+hver|hver\s+annen|hver\s+andre|every\s+other|every\s+second|alternate)\s+(?<u>dag|day|døgn|uke|week)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex EveryOther();

    [GeneratedRegex(Start + @"(?:hver|hvert|every)\s+(?<n>[0-9]+)\.?\s*(?<u>dager|dag|døgn|days|day|uker|uke|weeks|week)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex EveryDays();

    [GeneratedRegex(@"(?:" + Start + @"(?:hver|hvert|every)\s*|" + Start + @"q)(?<h>[0-9]+)\.?\s*(?:timer|time|timen|hours|hour|hrs|hr|h)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex EveryHours();

    [GeneratedRegex(@"(?<![0-9.\-–])(?<n>" + Num + @")\s*(?:x|ganger|gang|times|time)\s*(?:" + PerDay + @"|/\s*(?:døgn|dag|day|d)" + End + ")", RegexOptions.CultureInvariant)]
    private static partial Regex TimesPerDay();

    [GeneratedRegex(Start + @"(?<w>once|twice|thrice)\s+(?:daily|a\s+day|per\s+day|every\s+day)" + End, RegexOptions.CultureInvariant)]
    private static partial Regex OnceTwice();

    [GeneratedRegex(Start + @"(?<l>b\.?i\.?d|b\.?d|t\.?i\.?d|t\.?d\.?s|q\.?i\.?d|q\.?d\.?s|q\.?d|o\.?d)" + End + @"\.?", RegexOptions.CultureInvariant)]
    private static partial Regex Latin();

    [GeneratedRegex(Start + @"(?:(?<m>morgen(?:en)?|morg|mrg|morning|frokost(?:en)?|breakfast|mane|q\.?a\.?m)|(?<f>formiddag(?:en)?)|(?<a>ettermiddag(?:en)?|afternoon)"
        + @"|(?<d>middag(?:en)?|midd|noon|midday|lunch(?:time)?|lunsj(?:en)?|midt\s+på\s+dagen)|(?<e>kveldsmat(?:en)?|kveld(?:en|s)?|kv|evening|dinner|supper|q\.?p\.?m)"
        + @"|(?<n>natt(?:en)?|night|bedtime|sengetid(?:en)?|nocte|q\.?h\.?s|h\.?s))" + End + @"\.?", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(Start + @"(?:daglig|dagl|daily|hver\s+dag|every\s+day|each\s+day|om\s+dagen|a\s+day|per\s+dag|pr\.?\s*dag|per\s+døgn|pr\.?\s*døgn|i\s+døgnet|alle\s+dager)" + End + @"\.?", RegexOptions.CultureInvariant)]
    private static partial Regex Daily();

    [GeneratedRegex(@"[0-9]+(?:\.[0-9]+)?|@(?:[0-9r]|c[0-9]+)|[^\s,.;:()/+&\-–!?""'*\[\]=]+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
