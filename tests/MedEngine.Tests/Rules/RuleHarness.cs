using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using Microsoft.Extensions.Time.Testing;

namespace MedEngine.Tests.Rules;

/// <summary>Writes rule files to a temporary folder, compiles them, and evaluates patients against them at a fixed time.</summary>
internal sealed class RuleHarness : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public RuleHarness(params (string Name, string Content)[] files)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("medengine-rules-").FullName;
        foreach (var (name, content) in files)
        {
            Write(name, content);
        }
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public void Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public RuleSet Load() => RuleSet.Load(Directory, TestKnowledge.Shipped, Time);

    /// <summary>The findings of rules, without the not-checked findings a small test rule set leaves for every other drug.</summary>
    public static List<MedEngine.Findings.Finding> RuleFindings(PatientSession support) =>
        support.Findings.Where(f => f.Category != MedEngine.Findings.FindingCategory.NotChecked).ToList();

    public PatientSession Patient(PatientContext? patient = null, RuleSetHost? host = null) =>
        new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRules(host ?? new RuleSetHost(Load())).UseTimeProvider(Time).Build().OpenSession(patient);

    public static PatientContext Aged(int years, string sex = "female", decimal? weight = null, params LabResult[] labs) => new()
    {
        BirthDate = DateOnly.FromDateTime(Now.UtcDateTime).AddYears(-years).AddDays(-10),
        Sex = sex,
        WeightKg = weight,
        Labs = labs,
    };

    public static LabResult Lab(string test, decimal value, int daysAgo = 1) =>
        new(new ClinicalCode("medengine", test), value, null, Now.AddDays(-daysAgo));

    public static SourceEvent GpList(params string[] medications) => new SourceListReplaced(new SourceList(
        new MedicationSource("gp", SourceKind.GeneralPractitioner, Now.AddDays(-1)),
        medications.Select((m, i) =>
        {
            var parts = m.Split('|');
            return new MedicationEntry { EntryId = $"e{i}", Name = parts[0], DosageText = parts.Length > 1 ? parts[1] : null, Route = parts.Length > 2 ? parts[2] : null, Status = EntryStatus.Active };
        }).ToList()));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
