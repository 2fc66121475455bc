using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Units;

namespace MedEngine.Tests.Reconciliation;

/// <summary>Builds random but realistic patients from a seed: sources of every kind, entries named as Norwegian and US systems name them.</summary>
internal static class ScenarioGenerator
{
    private static readonly string[] Names =
    [
        "Marevan 2,5 mg tablett", "warfarin", "Selo-Zok 50 mg depottablett", "Metoprolol 50 mg tablett", "Paracet 500 mg tablett",
        "Pinex 500 mg", "Ibux 400 mg tablett", "ibuprofen 400 MG Oral Tablet", "Furix 40 mg tablett", "Metformin 500 mg tablett",
        "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", "Albyl-E 75 mg", "Simvastatin 20 mg tablett",
        "Zopiklon 5 mg", "Voltaren gel 11,6 mg/g", "Paralgin forte", "Metforrmin", "Ukjent urtemedisin", "Spirix 25 mg",
        "Aricept 5 mg", "Movicol dosepose", "Calcigran Forte",
    ];

    private static readonly string?[] Dosages =
    [
        null, "1x1", "1x2", "1-0-1", "1 tablett 2 ganger daglig", "2 tabl morgen og kveld", "ved behov, maks 4 per døgn", "Etter INR",
        "1 tablet twice daily", "q8h", "prn", "1 tablett om kvelden",
    ];

    private static readonly EntryStatus[] Statuses =
        [EntryStatus.Active, EntryStatus.Active, EntryStatus.Active, EntryStatus.Stopped, EntryStatus.OnHold, EntryStatus.Completed, EntryStatus.Unknown, EntryStatus.EnteredInError];

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<SourceList> Lists(Random random)
    {
        var count = random.Next(1, 6);
        return Enumerable.Range(0, count).Select(i => List(random, $"src-{i}")).ToList();
    }

    public static SourceList List(Random random, string sourceId)
    {
        var kinds = Enum.GetValues<SourceKind>();
        var source = new MedicationSource(sourceId, kinds[random.Next(kinds.Length)], random.Next(4) == 0 ? null : Epoch.AddDays(random.Next(300)))
        {
            Version = random.Next(3) == 0 ? random.Next(5) : null,
        };
        var entries = Enumerable.Range(0, random.Next(0, 9)).Select(i => Entry(random, $"e{i}")).ToList();
        return new SourceList(source, entries);
    }

    public static MedicationEntry Entry(Random random, string id)
    {
        var withCode = random.Next(5) == 0;
        return new MedicationEntry
        {
            EntryId = id,
            Name = Names[random.Next(Names.Length)],
            Codings = withCode ? [new MedicationCoding(CodeSystem.Atc, random.Next(2) == 0 ? "B01AA03" : "N02BE01")] : [],
            DosageText = Dosages[random.Next(Dosages.Length)],
            Dose = random.Next(6) == 0 ? new Quantity(random.Next(0, 3), MeasureUnits.Tablet) : null,
            TimesPerDay = random.Next(6) == 0 ? random.Next(-1, 4) : null,
            Status = Statuses[random.Next(Statuses.Length)],
            LastChanged = random.Next(3) == 0 ? Epoch.AddDays(random.Next(300)) : null,
        };
    }

    /// <summary>Makes a random event and applies it to the model (the plain lists) too; a list older than the one held is superseded.</summary>
    public static SourceEvent Event(Random random, Dictionary<string, SourceList> lists)
    {
        var ids = lists.Keys.Order(StringComparer.Ordinal).ToList();
        var choice = ids.Count == 0 ? 0 : random.Next(6);
        if (choice == 0)
        {
            var list = ScenarioGenerator.List(random, ids.Count > 0 && random.Next(2) == 0 ? ids[random.Next(ids.Count)] : $"new-{random.Next(1000)}");
            if (!lists.TryGetValue(list.Source.Id, out var held) || !list.Source.IsOlderThan(held.Source))
            {
                lists[list.Source.Id] = list;
            }

            return new SourceListReplaced(list);
        }

        var target = lists[ids[random.Next(ids.Count)]];
        var entries = target.Entries.ToList();
        if (choice == 1)
        {
            lists.Remove(target.Source.Id);
            return new SourceRemoved(target.Source.Id);
        }

        if (choice == 2 || entries.Count == 0)
        {
            var source = target.Source with { LastConfirmed = target.Source.LastConfirmed?.AddDays(random.Next(-5, 30)) };
            var entry = ScenarioGenerator.Entry(random, entries.Count > 0 && random.Next(2) == 0 ? entries[random.Next(entries.Count)].EntryId : $"n{random.Next(1000)}");
            entries.RemoveAll(e => e.EntryId == entry.EntryId);
            entries.Add(entry);
            lists[source.Id] = new SourceList(source, entries);
            return new EntryUpserted(source, entry);
        }

        var victim = entries[random.Next(entries.Count)];
        if (choice == 3)
        {
            entries.Remove(victim);
            lists[target.Source.Id] = new SourceList(target.Source, entries);
            return new EntryRemoved(target.Source.Id, victim.EntryId);
        }

        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var stopped = victim with { Status = EntryStatus.Stopped, End = at, LastChanged = at, Reason = "seponert" };
        entries[entries.IndexOf(victim)] = stopped;
        lists[target.Source.Id] = new SourceList(target.Source, entries);
        return new EntryStopped(target.Source.Id, victim.EntryId, at, "seponert");
    }

    public static List<SourceList> Shuffled(Random random, List<SourceList> lists) =>
        lists.OrderBy(_ => random.Next()).Select(l => new SourceList(l.Source, l.Entries.OrderBy(_ => random.Next()).ToList())).ToList();
}
