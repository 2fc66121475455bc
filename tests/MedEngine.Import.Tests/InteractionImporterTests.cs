using MedEngine.Import.Atc;
using MedEngine.Import.Interactions;
using MedEngine.Knowledge;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

/// <summary>The real public lists from ../shared/data/pddi-public and ddinter; tables are written to a temp folder only.</summary>
public sealed class InteractionImporterTests(ITestOutputHelper output)
{
    private static readonly Lazy<AtcIndex> Index = new(() => AtcIndex.Load(RepositoryPaths.SharedData("atc", "who_atc_ddd_2026-04-25.csv")));

    [SharedDataTheory("pddi-public", "atc")]
    [InlineData(InteractionListKind.OncHighPriority, "ONC-High-Priority_ONC_High_Priority_Mapped.csv", 1930)]
    [InlineData(InteractionListKind.OncNonInterruptive, "ONC-Non-Interuptive_ONC_Non_Interuptive_Mapped.csv", 2101)]
    [InlineData(InteractionListKind.Oscar, "OSCAR_drugref2-DDIs-from-OSCAR.csv", 3872)]
    [InlineData(InteractionListKind.Ansm, "World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv", 956)]
    public void Each_public_list_gives_a_table_the_reader_accepts(InteractionListKind kind, string file, int rows)
    {
        foreach (var index in new[] { null, Index.Value })
        {
            var table = Path.Combine(Paths.TempDirectory(), "table.tsv");

            var result = InteractionImporter.Import(kind, [RepositoryPaths.SharedData("pddi-public", file)], table, FileKnowledgeBase.LoadShipped(), index);

            output.WriteLine(index is null ? "With the shipped knowledge base:" : "With the shipped knowledge base and the WHO ATC index:");
            Figures.Report(output, result);
            Assert.Equal(rows, result.Read);
            Assert.Equal(result.Read, result.Counts.GetValueOrDefault("interactions") + result.Skipped.Count);
            Assert.Equal(result.Counts["interactions"], MedEngine.Rules.InteractionTable.Load(table).Rows.Count);
        }
    }

    [SharedDataFact("pddi-public", "atc")]
    public void Severities_map_as_documented()
    {
        var oscar = Import(InteractionListKind.Oscar, "OSCAR_drugref2-DDIs-from-OSCAR.csv");
        Assert.Contains(oscar, r => r is { A: "A02BA01", B: "B01AA03", Severity: MedEngine.Findings.Severity.Avoid });
        Assert.Contains(oscar, r => r is { A: "B01AC06", B: "B01AA03" } or { A: "B01AA03", B: "B01AC06", Severity: MedEngine.Findings.Severity.Caution });
        Assert.Contains(oscar, r => r.A.EndsWith('*') || r.B.EndsWith('*'));
        var ansm = Import(InteractionListKind.Ansm, "World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv");
        Assert.Equal(["avoid", "caution", "contraindicated", "info"], ansm.Select(r => MedEngine.Findings.Severities.ToName(r.Severity)).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Import(InteractionListKind.OncHighPriority, "ONC-High-Priority_ONC_High_Priority_Mapped.csv"), r => Assert.Equal("avoid", MedEngine.Findings.Severities.ToName(r.Severity)));
        Assert.All(Import(InteractionListKind.OncNonInterruptive, "ONC-Non-Interuptive_ONC_Non_Interuptive_Mapped.csv"), r => Assert.Equal("info", MedEngine.Findings.Severities.ToName(r.Severity)));
    }

    [SharedDataFact("pddi-public", "atc")]
    public void The_lists_English_texts_go_in_the_English_columns_and_the_Norwegian_ones_stay_empty()
    {
        var ansm = Import(InteractionListKind.Ansm, "World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv");
        Assert.All(ansm, r => Assert.Equal(("", "", ""), (r.Consequence, r.Mechanism, r.Handling)));
        Assert.All(ansm, r => Assert.NotEmpty(r.ConsequenceEn));
        Assert.Contains(ansm, r => r.HandlingEn.Length > 0);
        var onc = Import(InteractionListKind.OncHighPriority, "ONC-High-Priority_ONC_High_Priority_Mapped.csv");
        Assert.All(onc, r => Assert.Equal(("", "High-priority interaction (ONC list): should interrupt the prescriber; the list gives no consequence text."), (r.Consequence, r.ConsequenceEn)));
    }

    [SharedDataFact("ddinter", "atc")]
    public void DDInter_pairs_are_counted_and_mapped_to_ATC()
    {
        var table = Path.Combine(Paths.TempDirectory(), "ddinter.tsv");
        var files = Directory.GetFiles(RepositoryPaths.SharedData("ddinter"), "*.csv").Order(StringComparer.Ordinal).ToList();

        var result = InteractionImporter.Import(InteractionListKind.DdInter, files, table, FileKnowledgeBase.LoadShipped(), Index.Value);

        Figures.Report(output, result);
        Assert.Equal(222383, result.Read);
        Assert.Equal(160235, result.Counts["unique pairs"]);
        Assert.InRange(result.Counts["unique pairs mapped to ATC"], 1000, 160235);
        var rows = MedEngine.Rules.InteractionTable.Load(table).Rows;
        Assert.Equal(result.Counts["interactions"], rows.Count);
        Assert.Subset(new HashSet<string>(InteractionSeverity.All), rows.Select(r => MedEngine.Findings.Severities.ToName(r.Severity)).ToHashSet());
    }

    private static IReadOnlyList<MedEngine.Rules.InteractionRow> Import(InteractionListKind kind, string file)
    {
        var table = Path.Combine(Paths.TempDirectory(), "table.tsv");
        InteractionImporter.Import(kind, [RepositoryPaths.SharedData("pddi-public", file)], table, FileKnowledgeBase.LoadShipped(), Index.Value);
        return MedEngine.Rules.InteractionTable.Load(table).Rows;
    }
}
