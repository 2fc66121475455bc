using System.Collections.Concurrent;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Rules;

/// <summary>
/// A current therapy line as the rules see it: its substances, route, form and doses. One fact per line; its identity is
/// the line id, so a changed line is an update of the same fact.
/// </summary>
public sealed class MedicationFact
{
    /// <summary>Creates the fact for a reconciled line, at a point in time.</summary>
    /// <param name="line">The line.</param>
    /// <param name="today">Today's date, from the host's <see cref="TimeProvider"/>: how long the drug has been used counts to it.</param>
    public MedicationFact(ReconciledLine line, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(line);
        Line = line;
        var lead = line.Proposed.From;
        var codes = FactCodes.Of(line.Substances, lead.Resolution.Product?.Atc);
        SubstanceKeys = codes.SubstanceKeys;
        Atc = codes.Atc;
        Codes = codes.Codes;
        CodesAndPrefixes = codes.CodesAndPrefixes;
        Route = lead.Route;
        Form = lead.Form;
        DailyDoseMg = lead.DailyDose is { Unit.Symbol: "mg" } daily ? daily.Value : null;
        SingleDoseMg = lead.Dosage.AmountPerDose is { } amount && lead.Strength is { Unit.Symbol: "mg" } strength
            ? amount.Unit.Dimension == Units.Dimension.Count ? amount.Value * strength.Value : amount.Unit.Symbol == "mg" ? amount.Value : null
            : lead.Dosage.AmountPerDose is { Unit.Symbol: "mg" } mg ? mg.Value : null;
        AsNeeded = lead.Dosage.AsNeeded;
        MaxDailyMg = AsNeeded && SingleDoseMg is { } single && lead.Dosage.MaxTimesPerDay is { } max ? single * max : null;
        RateMicrogramsPerHour = Route == "transdermal" && lead.Strength is { Unit.Symbol: "µg/h" } rate ? rate.Value : null;
        DaysInUse = line.Entries.Select(e => e.Entry.Start).OfType<DateTimeOffset>().Select(start => (int?)(today.DayNumber - DateOnly.FromDateTime(start.UtcDateTime).DayNumber)).Max();
        TimesPerWeek = (AsNeeded ? lead.Dosage.MaxTimesPerDay : lead.Dosage.TimesPerDay) is { } perDay ? Math.Round(perDay * 7, 6) : null;
    }

    /// <summary>The reconciled line.</summary>
    public ReconciledLine Line { get; }

    /// <summary>The line id.</summary>
    public string LineId => Line.Id;

    /// <summary>The substance keys (ATC codes, or <c>name:</c> keys).</summary>
    public IReadOnlyList<string> SubstanceKeys { get; }

    /// <summary>The ATC codes of the substances, and of the product when it has its own (combinations).</summary>
    public IReadOnlyList<string> Atc { get; }

    /// <summary>The substance keys and ATC codes together, each once.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Every code and every ATC prefix of the codes (<c>B</c>, <c>B01</c>, ... <c>B01AA03</c>), so a selector matches with one lookup per pattern.</summary>
    public IReadOnlySet<string> CodesAndPrefixes { get; }

    /// <summary>The canonical route, when known.</summary>
    public string? Route { get; }

    /// <summary>The canonical form, when known.</summary>
    public string? Form { get; }

    /// <summary>The regular daily dose in mg, when well defined.</summary>
    public decimal? DailyDoseMg { get; }

    /// <summary>The dose per administration in mg, when well defined.</summary>
    public decimal? SingleDoseMg { get; }

    /// <summary>Whether it is taken as needed.</summary>
    public bool AsNeeded { get; }

    /// <summary>For an as-needed medication: the most it allows per 24 hours in mg, when stated.</summary>
    public decimal? MaxDailyMg { get; }

    /// <summary>For a transdermal patch, the rate it delivers in µg/h (75 for "Durogesic 75 mikrogram/time"): what is counted, however often it is changed.</summary>
    public decimal? RateMicrogramsPerHour { get; }

    /// <summary>How many days the drug has been used: from the earliest start date any source gives to today; unknown when no source gives one.</summary>
    public int? DaysInUse { get; }

    /// <summary>Administrations per week: the regular frequency, or for as-needed use the most allowed (<c>1</c> for "1 gang i uken"), when stated.</summary>
    public decimal? TimesPerWeek { get; }

    /// <summary>The daily dose to check against a limit: the regular dose, or the as-needed maximum.</summary>
    public decimal? DoseToCheckMg => DailyDoseMg ?? MaxDailyMg;

    /// <summary>Whether another fact for the same line says the same to the rules: same codes, route, form, doses and entries.</summary>
    /// <param name="other">The other fact.</param>
    /// <returns><see langword="true"/> when an update would change nothing.</returns>
    public bool IsEquivalentTo(MedicationFact other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return LineId == other.LineId && Codes.SequenceEqual(other.Codes) && Route == other.Route && Form == other.Form
            && DailyDoseMg == other.DailyDoseMg && SingleDoseMg == other.SingleDoseMg && AsNeeded == other.AsNeeded && MaxDailyMg == other.MaxDailyMg && TimesPerWeek == other.TimesPerWeek && DaysInUse == other.DaysInUse && RateMicrogramsPerHour == other.RateMicrogramsPerHour
            && Line.Entries.Select(e => (e.Source, e.Entry.EntryId, e.Entry.Name, e.Entry.Status))
                .SequenceEqual(other.Line.Entries.Select(e => (e.Source, e.Entry.EntryId, e.Entry.Name, e.Entry.Status)));
    }

    /// <summary>Whether a line should be seen by the rules: active, or of unknown status (a dispensing may be in use).</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> for lines the rules evaluate.</returns>
    public static bool IsCurrent(ReconciledLine line) => line?.Proposed.Status is EntryStatus.Active or EntryStatus.Unknown;
}

/// <summary>
/// A line's codes as the rules match them, derived only from its substances and product code, so one instance is shared by
/// every fact (of every patient) with the same ones: the codes and the prefix set are immutable and the same few hundred
/// combinations recur. The cache is bounded and thread-safe.
/// </summary>
internal sealed class FactCodes
{
    private const int MaxCached = 100_000;
    private static readonly ConcurrentDictionary<string, FactCodes> Cache = new(StringComparer.Ordinal);

    private FactCodes(string[] substanceKeys, string[] atc)
    {
        SubstanceKeys = substanceKeys;
        Atc = atc;
        Codes = substanceKeys.Concat(atc).Distinct(StringComparer.Ordinal).ToArray();
        CodesAndPrefixes = Codes.SelectMany(c => c.Contains(':', StringComparison.Ordinal) ? [c] : Enumerable.Range(1, c.Length).Select(n => c[..n]))
            .ToHashSet(StringComparer.Ordinal);
    }

    public string[] SubstanceKeys { get; }

    public string[] Atc { get; }

    public string[] Codes { get; }

    /// <summary>Shared: read only, through <see cref="IReadOnlySet{T}"/>.</summary>
    public HashSet<string> CodesAndPrefixes { get; }

    public static FactCodes Of(IReadOnlyList<Knowledge.Substance> substances, string? productAtc)
    {
        var substanceKeys = substances.Select(s => s.Key).ToArray();
        var atc = substances.Select(s => s.Atc).OfType<string>().Append(productAtc).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var key = string.Join('\u0001', substanceKeys) + "\u0002" + string.Join('\u0001', atc);
        if (Cache.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, new FactCodes(substanceKeys, atc));
    }
}
