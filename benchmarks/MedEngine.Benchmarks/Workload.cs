using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using Microsoft.Extensions.Time.Testing;

namespace MedEngine.Benchmarks;

/// <summary>Realistic inputs generated deterministically from a seed, and the shipped knowledge and rules, loaded once.</summary>
internal static class Workload
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Medications an elderly Norwegian patient may have, with Norwegian dosage texts.</summary>
    private static readonly string[] Pool =
    [
        "Marevan 2,5 mg tablett|Etter INR", "Selo-Zok 50 mg depottablett|1x1", "Furix 40 mg tablett|1x2", "Metformin 500 mg tablett|1x2",
        "Albyl-E 75 mg enterotablett|1x1", "Simvastatin 20 mg tablett|1 tablett om kvelden", "Paracet 500 mg tablett|2x3",
        "Ibux 400 mg tablett|1x3", "Zopiklon 5 mg tablett|1 tablett om kvelden", "Aricept 5 mg tablett|1x1", "Movicol dosepose|1 pose ved behov",
        "Calcigran Forte tyggetablett|1x1", "Spirix 25 mg tablett|1x1", "Somac 40 mg enterotablett|1x1", "Cipramil 20 mg tablett|1x1",
        "Sobril 10 mg tablett|1x2", "Oxynorm 5 mg kapsel|1 kapsel ved behov, maks 4 per døgn", "Lyrica 75 mg kapsel|1x2",
        "Eliquis 5 mg tablett|1x2", "Lanoxin 0,125 mg tablett|1x1", "Cordarone 200 mg tablett|1x1", "Klacid 500 mg tablett|1x2",
        "Trimetoprim 160 mg tablett|1x2", "Prednisolon 5 mg tablett|1x1", "Levaxin 50 mikrog tablett|1x1", "Zyloric 100 mg tablett|1x1",
        "Amlodipin 5 mg tablett|1x1", "Enalapril 10 mg tablett|1x1", "Atacand 8 mg tablett|1x1", "Naproxen 250 mg tablett|1x2",
        "Tramadol 50 mg kapsel|1x3", "Sertralin 50 mg tablett|1x1", "Remeron 15 mg tablett|1 tablett om kvelden", "Voltaren gel|morgen og kveld",
        "Lipitor 40 mg tablett|1x1", "Plavix 75 mg tablett|1x1", "Losec 20 mg kapsel|1x1", "Burinex 1 mg tablett|1x1",
        "Kaliumklorid 750 mg depottablett|1x2", "Fosamax 70 mg tablett|ukentlig",
    ];

    private static readonly SourceKind[] Kinds =
    [
        SourceKind.GeneralPractitioner, SourceKind.Hospital, SourceKind.MunicipalCare, SourceKind.Pll, SourceKind.Dispensing, SourceKind.PatientReported,
        SourceKind.Prescriptions, SourceKind.Multidose, SourceKind.Hospital, SourceKind.MunicipalCare, SourceKind.Dispensing, SourceKind.PatientReported,
    ];

    public static FakeTimeProvider Time { get; } = new(Now);

    public static FileKnowledgeBase Knowledge { get; } = FileKnowledgeBase.LoadShipped();

    public static ReconciliationEngine Engine { get; } = new(Knowledge);

    /// <summary>The full shipped rule library.</summary>
    public static RuleSet Library { get; } = RuleSet.Load(Path.Combine(Root, "rules"), Knowledge, Time);

    public static PatientContext Patient { get; } = new()
    {
        BirthDate = new DateOnly(1938, 3, 14),
        Sex = "female",
        WeightKg = 58,
        Conditions = [new ClinicalCode("icd10", "I48"), new ClinicalCode("icd10", "I50.0"), new ClinicalCode("icd10", "E11")],
        Labs = [new LabResult(new ClinicalCode("medengine", "egfr"), 28, null, Now.AddDays(-5)), new LabResult(new ClinicalCode("medengine", "creatinine"), 142, null, Now.AddDays(-5))],
    };

    /// <summary>A runtime over the shipped knowledge base with these rules and the benchmark clock.</summary>
    public static MedEngineRuntime Runtime(RuleSet rules) =>
        new MedEngineBuilder().UseKnowledge(Knowledge).UseRules(new RuleSetHost(rules)).UseTimeProvider(Time).Build();

    /// <summary>Reconciles a patient's lists and evaluates the rules in a fresh per-patient session; returns the number of findings.</summary>
    public static int Evaluate(MedEngineRuntime runtime, params SourceList[] lists) => runtime.Evaluate(lists, Patient).Findings.Count;

    /// <summary>The names of the pool's medications, for interaction tables that must involve them.</summary>
    public static IReadOnlyList<string> PoolNames => Pool.Select(p => p.Split('|')[0]).ToList();

    /// <summary>
    /// Source lists of one patient: each source lists most of the patient's medications, with its own ids, some doses
    /// changed, some entries stopped, as real lists disagree.
    /// </summary>
    public static List<SourceList> Lists(int seed, int sources, int entries)
    {
        var random = new Random(seed);
        var medications = Pool.OrderBy(_ => random.Next()).Take(Math.Min(Pool.Length, entries + entries / 5)).ToList();
        return Enumerable.Range(0, sources).Select(s =>
        {
            var source = new MedicationSource($"source-{s}", Kinds[s % Kinds.Length], Now.AddDays(-random.Next(1, 200)));
            var chosen = medications.OrderBy(_ => random.Next()).Take(entries).ToList();
            return new SourceList(source, chosen.Select((m, i) => Entry(random, $"{s}-{i}", m)).ToList());
        }).ToList();
    }

    public static MedicationEntry Entry(Random random, string id, string medication)
    {
        var parts = medication.Split('|');
        var dosage = random.Next(6) == 0 ? "1x1" : parts[1];
        return new MedicationEntry
        {
            EntryId = id,
            Name = parts[0],
            DosageText = dosage,
            Status = random.Next(10) == 0 ? EntryStatus.Stopped : EntryStatus.Active,
            LastChanged = Now.AddDays(-random.Next(1, 300)),
        };
    }

    /// <summary>One list of a patient with this many lines, for evaluation benchmarks.</summary>
    public static SourceList PatientWithLines(int lines)
    {
        var random = new Random(lines);
        var source = new MedicationSource("gp", SourceKind.GeneralPractitioner, Now.AddDays(-3));
        var entries = Enumerable.Range(0, lines).Select(i => new MedicationEntry
        {
            EntryId = $"e{i}",
            Name = Pool[i % Pool.Length].Split('|')[0] + (i >= Pool.Length ? $" variant {i}" : ""),
            DosageText = Pool[i % Pool.Length].Split('|')[1],
            Codings = i >= Pool.Length ? [new MedicationCoding(CodeSystem.Atc, $"Z{i / 100 % 10}{i / 10 % 10}ZZ{i % 100:00}")] : [],
            Status = EntryStatus.Active,
            LastChanged = Now.AddDays(-random.Next(1, 100)),
        }).ToList();
        return new SourceList(source, entries);
    }

    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedEngine.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}
