using System.Globalization;
using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Units;

namespace MedEngine.Reconciliation;

/// <summary>Builds one therapy line from its entries: the proposed state by the precedence policy, and the discrepancies.</summary>
internal sealed class LineBuilder(SourcePrecedencePolicy policy)
{
    /// <summary>Builds the line.</summary>
    /// <param name="key">The line key.</param>
    /// <param name="entries">The line's entries, ordered by source id and entry id.</param>
    /// <param name="sources">Every source of the patient, ordered by id.</param>
    /// <param name="possibleMatches">Unresolved entries whose possible matches name this line's substances.</param>
    public ReconciledLine Build(string key, IReadOnlyList<NormalizedEntry> entries, IReadOnlyList<MedicationSource> sources, IReadOnlyList<UnresolvedEntry> possibleMatches)
    {
        var live = entries.Where(e => e.Entry.Status != EntryStatus.EnteredInError).ToList();
        var lead = (live.Count > 0 ? live : entries).OrderBy(e => policy.TierOf(e.Source.Kind))
            .ThenByDescending(Recency)
            .ThenBy(e => policy.RankInTier(e.Source.Kind))
            .ThenBy(e => e.Source.Id, StringComparer.Ordinal)
            .ThenBy(e => e.Entry.EntryId, StringComparer.Ordinal)
            .First();
        var status = lead.Source.Kind == SourceKind.Dispensing ? EntryStatus.Unknown : lead.Entry.Status;
        var reason = $"{Describe(lead)} chosen: {policy.DescribeTier(lead.Source.Kind)}"
            + (live.Count > 1 ? $", over {live.Count - 1} other entr{(live.Count == 2 ? "y" : "ies")}." : ".");
        var discrepancies = new List<Discrepancy>();
        AddListDiscrepancies(live, lead, status, sources, discrepancies);
        AddValueDiscrepancies(live, discrepancies);
        AddStatusConflict(live, discrepancies);
        AddDuplication(live, discrepancies);
        AddStale(live, lead, discrepancies);
        foreach (var unresolved in possibleMatches)
        {
            var match = unresolved.Entry.Resolution.PossibleMatches.First(m => m.Substances.SequenceEqual(lead.Resolution.Substances));
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.PossibleMatch, DiscrepancyKind.PossibleMatch,
                $"{Describe(unresolved.Entry)} '{unresolved.Entry.Entry.Name}' is unresolved; its name resembles '{match.Name}' (similarity {match.Similarity.ToString("0.00", CultureInfo.InvariantCulture)}). Confirm before merging.",
                [Ref(unresolved.Entry)]));
        }

        return new ReconciledLine
        {
            Id = key,
            Substances = lead.Resolution.Substances,
            Proposed = new ProposedState(lead, status, reason),
            Entries = entries,
            Discrepancies = discrepancies.OrderBy(d => d.Code, StringComparer.Ordinal).ToList(),
        };
    }

    private static DateTimeOffset Recency(NormalizedEntry e) =>
        Max(e.Source.LastConfirmed, e.Entry.LastChanged) ?? DateTimeOffset.MinValue;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static bool IsCurrent(NormalizedEntry e) => e.Entry.Status is EntryStatus.Active or EntryStatus.Unknown
        || (e.Entry.Status == EntryStatus.Completed && e.Source.Kind == SourceKind.Dispensing);

    private static bool IsEnded(EntryStatus status) => status is EntryStatus.Stopped or EntryStatus.Completed or EntryStatus.OnHold;

    private void AddListDiscrepancies(List<NormalizedEntry> live, NormalizedEntry lead, EntryStatus status, IReadOnlyList<MedicationSource> sources, List<Discrepancy> discrepancies)
    {
        var clinicianLists = sources.Where(s => SourceKinds.IsClinicianList(s.Kind)).ToList();
        var onLists = live.Where(e => SourceKinds.IsClinicianList(e.Source.Kind)).ToList();
        if (live.Any(e => e.Source.Kind == SourceKind.Dispensing) && onLists.Count == 0)
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.DispensedNotListed, DiscrepancyKind.DispensedNotListed,
                $"Dispensed ({Names(live.Where(e => e.Source.Kind == SourceKind.Dispensing))}) but on no clinician list.",
                Refs(live.Where(e => e.Source.Kind == SourceKind.Dispensing))));
        }

        if (status != EntryStatus.Active || clinicianLists.Count == 0)
        {
            return;
        }

        var newest = clinicianLists.OrderByDescending(s => s.LastConfirmed ?? DateTimeOffset.MinValue)
            .ThenBy(s => policy.RankInTier(s.Kind)).ThenBy(s => s.Id, StringComparer.Ordinal).First();
        var activeOnLists = onLists.Where(e => e.Entry.Status == EntryStatus.Active).ToList();
        var newestHasIt = onLists.Any(e => e.Source.Id == newest.Id);
        if (!newestHasIt && activeOnLists.Count > 0)
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.Commission, DiscrepancyKind.Commission,
                $"Active on {Names(activeOnLists)} but not on the newest clinician list, {Describe(newest)}: confirm whether it was stopped.",
                Refs(activeOnLists)));
            return;
        }

        var missing = clinicianLists.Where(s => onLists.All(e => e.Source.Id != s.Id)).ToList();
        if (missing.Count > 0)
        {
            var holders = live.Where(e => e.Entry.Status == EntryStatus.Active).ToList();
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.Omission, DiscrepancyKind.Omission,
                $"Active on {Names(holders)} but missing from {string.Join(", ", missing.Select(Describe))}.",
                Refs(holders)));
        }
    }

    private static void AddValueDiscrepancies(List<NormalizedEntry> live, List<Discrepancy> discrepancies)
    {
        var current = live.Where(IsCurrent).ToList();
        foreach (var implausible in live.Where(e => e.Dosage.Problem?.StartsWith("Implausible", StringComparison.Ordinal) == true))
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.ImplausibleDose, DiscrepancyKind.Dose,
                $"{Describe(implausible)}: {implausible.Dosage.Problem} The dose is treated as unknown.", [Ref(implausible)]));
        }

        var dosed = current.Where(e => e.DailyDose is not null).ToList();
        if (dosed.Select(e => e.DailyDose!).Distinct(QuantityAmountComparer.Instance).Count() > 1)
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.DoseDiffers, DiscrepancyKind.Dose,
                "Daily dose differs: " + string.Join("; ", dosed.Select(e => $"{Describe(e)} {e.DailyDose}/day")) + ".", Refs(dosed)));
        }

        var timed = current.Where(e => e.Dosage.TimesPerDay is not null || e.Dosage.AsNeeded).ToList();
        if (timed.Select(e => e.Dosage.AsNeeded ? null : e.Dosage.TimesPerDay).Distinct().Count() > 1)
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.FrequencyDiffers, DiscrepancyKind.Frequency,
                "Frequency differs: " + string.Join("; ", timed.Select(e => $"{Describe(e)} {Frequency(e)}")) + ".", Refs(timed)));
        }

        AddIfDiffers(current, e => e.Route is "parenteral" && current.Any(o => o.Route is "intravenous" or "intramuscular" or "subcutaneous") ? null : e.Route,
            DiscrepancyCodes.RouteDiffers, DiscrepancyKind.Route, "Route differs", discrepancies);
        AddIfDiffers(current, e => e.Form, DiscrepancyCodes.FormDiffers, DiscrepancyKind.Form, "Form differs", discrepancies);
    }

    private static void AddIfDiffers(List<NormalizedEntry> entries, Func<NormalizedEntry, string?> value, string code, DiscrepancyKind kind, string title, List<Discrepancy> discrepancies)
    {
        var known = entries.Where(e => value(e) is not null).ToList();
        if (known.Select(value).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            discrepancies.Add(new Discrepancy(code, kind, $"{title}: " + string.Join("; ", known.Select(e => $"{Describe(e)} {value(e)}")) + ".", Refs(known)));
        }
    }

    /// <summary>
    /// A source says active when it has an active entry, and ended when all its entries are stopped, completed or on hold
    /// (a renewed prescription is not a conflict within one source). Dispensings are left out: a completed fill is not a stop.
    /// </summary>
    private static void AddStatusConflict(List<NormalizedEntry> live, List<Discrepancy> discrepancies)
    {
        var bySource = live.Where(e => e.Source.Kind != SourceKind.Dispensing).GroupBy(e => e.Source).ToList();
        var active = bySource.Where(g => g.Any(e => e.Entry.Status == EntryStatus.Active)).SelectMany(g => g.Where(e => e.Entry.Status == EntryStatus.Active)).ToList();
        var ended = bySource.Where(g => g.All(e => IsEnded(e.Entry.Status))).Select(g => g.OrderByDescending(Recency).ThenBy(e => e.Entry.EntryId, StringComparer.Ordinal).First()).ToList();
        if (ended.Count > 0 && active.Count > 0)
        {
            var endedText = string.Join("; ", ended.Select(e => $"{EntryStatuses.ToName(e.Entry.Status)} in {Describe(e)}" + (e.Entry.Reason is { } r ? $" ({r})" : "")));
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.StatusConflict, DiscrepancyKind.Status,
                $"{endedText}; active in {Names(active)}.", Refs(ended.Concat(active))));
        }
    }

    private static void AddDuplication(List<NormalizedEntry> live, List<Discrepancy> discrepancies)
    {
        foreach (var group in live.Where(e => IsCurrent(e) && e.Source.Kind != SourceKind.Dispensing).GroupBy(e => e.Source.Id).Where(g => g.Count() > 1))
        {
            var names = group.Select(e => e.Entry.Name ?? e.Entry.EntryId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var what = names > 1 ? "different products of the same substance" : "the same substance twice";
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.Duplication, DiscrepancyKind.Duplication,
                $"{Describe(group.First().Source)} lists {what}: {string.Join(", ", group.Select(e => $"'{e.Entry.Name ?? e.Entry.EntryId}' ({e.Entry.EntryId})"))}.",
                Refs(group)));
        }
    }

    private static void AddStale(List<NormalizedEntry> live, NormalizedEntry lead, List<Discrepancy> discrepancies)
    {
        if (!SourceKinds.IsClinicianList(lead.Source.Kind) || lead.Source.LastConfirmed is not { } leadConfirmed)
        {
            return;
        }

        var stale = live.Where(e => e.Source.Id != lead.Source.Id && SourceKinds.IsClinicianList(e.Source.Kind)
            && e.Source.LastConfirmed < leadConfirmed && Disagrees(e, lead)).ToList();
        if (stale.Count > 0)
        {
            discrepancies.Add(new Discrepancy(DiscrepancyCodes.Stale, DiscrepancyKind.Stale,
                $"{Names(stale)} {(stale.Count == 1 ? "is" : "are")} older than {Describe(lead.Source)} and disagree{(stale.Count == 1 ? "s" : "")} with it.",
                Refs(stale)));
        }
    }

    private static bool Disagrees(NormalizedEntry e, NormalizedEntry lead) =>
        e.Entry.Status != lead.Entry.Status
        || (e.DailyDose is not null && lead.DailyDose is not null && !e.DailyDose.IsSameAmount(lead.DailyDose))
        || (e.Dosage.TimesPerDay is not null && lead.Dosage.TimesPerDay is not null && e.Dosage.TimesPerDay != lead.Dosage.TimesPerDay);

    private static string Frequency(NormalizedEntry e) =>
        e.Dosage.AsNeeded ? "as needed" + (e.Dosage.MaxTimesPerDay is { } max ? $" (max {max.ToString("0.##", CultureInfo.InvariantCulture)}/day)" : "")
        : $"{e.Dosage.TimesPerDay!.Value.ToString("0.##", CultureInfo.InvariantCulture)} times/day";

    internal static string Describe(MedicationSource source) =>
        $"{SourceKinds.ToName(source.Kind)} '{source.Id}'" + (source.LastConfirmed is { } at ? $" (confirmed {at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : "");

    private static string Describe(NormalizedEntry e) => $"{SourceKinds.ToName(e.Source.Kind)} '{e.Source.Id}' entry '{e.Entry.EntryId}'";

    private static string Names(IEnumerable<NormalizedEntry> entries) =>
        string.Join(", ", entries.Select(e => e.Source).Distinct().Select(s => $"{SourceKinds.ToName(s.Kind)} '{s.Id}'"));

    private static EntryReference Ref(NormalizedEntry e) => new(e.Source.Id, e.Entry.EntryId);

    private static List<EntryReference> Refs(IEnumerable<NormalizedEntry> entries) => entries.Select(Ref).Distinct().ToList();

    private sealed class QuantityAmountComparer : IEqualityComparer<Quantity>
    {
        public static QuantityAmountComparer Instance { get; } = new();

        public bool Equals(Quantity? x, Quantity? y) => x is not null && y is not null && x.IsSameAmount(y);

        public int GetHashCode(Quantity obj) => obj.ToCanonical().Value.GetHashCode();
    }
}
