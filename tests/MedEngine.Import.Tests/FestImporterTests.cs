using MedEngine.Import.Fest;
using MedEngine.Knowledge;
using MedEngine.Model;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

public sealed class FestImporterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("m30-2.5.1.xml", "FEST 2.5.1 2025-11-01")]
    [InlineData("m30-3.5.xml", "FEST 3.5 2026-03-01")]
    public void Both_versions_give_a_knowledge_base_the_loader_accepts(string file, string source)
    {
        var (result, directory) = Import(file);

        Assert.StartsWith(source, result.Source, StringComparison.Ordinal);
        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("B01AA03", knowledge.FindByName("marevan")!.Substances.Single().Key);
        Assert.Equal("B01AA03", knowledge.FindByName("warfarinnatrium")!.Substances.Single().Key);
        Assert.Equal("B01AA03", knowledge.FindByCode(CodeSystem.FestProduct, "ID_MAREVAN_25")!.Substances.Single().Key);
        Assert.Equal("M01AE01", knowledge.FindByCode(CodeSystem.FestProduct, "ID_IBUX_400")!.Substances.Single().Key);
        var paralgin = knowledge.FindByName("paralgin forte")!;
        Assert.Equal(2, paralgin.Substances.Count);
        Assert.Equal("N02AJ06", paralgin.Product!.Atc);
        Assert.Equal("paracet", knowledge.FindByCode(CodeSystem.FestProduct, "ID_PARACET_500")!.Product!.Name);
    }

    [Theory]
    [InlineData("m30-2.5.1.xml")]
    [InlineData("m30-3.5.xml")]
    public void Interactions_are_pairs_with_three_groups_expanded(string file)
    {
        var (result, directory) = Import(file);

        var rows = MedEngine.Rules.InteractionTable.Load(Path.Combine(directory, "interactions.tsv")).Rows;
        var warfarinNsaid = rows.Single(r => r.A == "B01AA03" && r.B == "M01AE01" && MedEngine.Findings.Severities.ToName(r.Severity) == "avoid");
        Assert.Equal("Økt blødningsrisiko.", warfarinNsaid.Consequence);
        Assert.Equal("1", warfarinNsaid.Evidence);
        Assert.StartsWith("Unngå kombinasjonen.", warfarinNsaid.Handling, StringComparison.Ordinal);
        var threeGroups = rows.Where(r => r.Consequence == "Økt risiko for gastrointestinal blødning.").Select(r => r.A + "+" + r.B).Order().ToList();
        Assert.Equal(["B01AA03+M01AE01", "B01AA03+N06AB04", "B01AA03+N06AB06", "M01AE01+N06AB04", "M01AE01+N06AB06"], threeGroups);
        Assert.Contains(rows, r => r.A == "C10AA01" && r.B == "name:grapefruktjuice" && MedEngine.Findings.Severities.ToName(r.Severity) == "caution");
        Assert.All(rows, r => Assert.StartsWith("FEST ", r.Source, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(("", "", ""), (r.ConsequenceEn, r.MechanismEn, r.HandlingEn))); // FEST is Norwegian: no English columns
        Assert.Equal(1, result.Counts["interactions with more than two groups"]);
        Assert.Contains("L01XE99\tnytt kinasehemmer", File.ReadAllLines(Path.Combine(directory, "not-assessed.tsv")));
        Assert.Contains("fest:ID_PARACET_500\tparacet\tN02BE01\t4000\tmg\t4", File.ReadAllLines(Path.Combine(directory, "dose-prn.tsv")));
    }

    [Fact]
    public void Quirks_of_2_5_1_are_read_or_skipped_with_reasons()
    {
        var (result, directory) = Import("m30-2.5.1.xml");

        var rows = MedEngine.Rules.InteractionTable.Load(Path.Combine(directory, "interactions.tsv")).Rows;
        Assert.Contains(rows, r => r.A == "B01AA03" && r.B == "M01AE*");
        var info = rows.Single(r => MedEngine.Findings.Severities.ToName(r.Severity) == "info");
        Assert.Equal(("B01AA03", "N02BE01"), (info.A, info.B));
        Assert.Equal("Test reference A, with semicolon, https://example.invalid/a;Test reference B", rows.First().Reference);
        Assert.Contains("A16AX20\ttest substance", File.ReadAllLines(Path.Combine(directory, "not-assessed.tsv")));
        Assert.Contains("fest:ID_PARACET_SUPP_1G\tparacet\tN02BE01\t3000\tmg\t6", File.ReadAllLines(Path.Combine(directory, "dose-prn.tsv")));
        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("N02BE01", knowledge.FindByName("paracetamol")!.Substances.Single().Key);
        Assert.Equal("name:codeine phosphate", knowledge.FindByName("kodeinfosfat")!.Substances.Single().Key);
        var paracet = knowledge.FindByName("paracet")!.Product!;
        Assert.Null(paracet.Form);
        Assert.Equal(2, paracet.Codes.Count);
        Assert.Equal(2, result.Counts["entries of other catalogues (not read)"]);
        Assert.Equal(
            [
                "DoseEtterBehov without a maximum or an interval", "OppfVirkestoff without Virkestoff", "entry not active (Status not A)",
                "fewer than two substance groups", "not-assessed code is not an ATC code", "product names an unknown or skipped substance",
                "product without a name", "substance without a name", "unknown Relevans",
            ],
            result.SkippedByReason.Keys.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(directory, "skipped.tsv")));
        Figures.Report(output, result);
    }

    [Theory]
    [InlineData("<FEST xmlns=\"urn:unknown\"><HentetDato>2025-01-01</HentetDato></FEST>", "Unknown FEST version")]
    [InlineData("<Other/>", "not an M30 file")]
    [InlineData("<FEST xmlns=\"http://www.kith.no/xmlstds/eresept/m30/2014-12-01\"><KatVirkestoff>\n<OppfVirkestoff></KatVirkestoff></FEST>", "")]
    public void A_file_that_is_not_a_known_M30_is_an_input_error(string xml, string message)
    {
        var file = Path.Combine(Paths.TempDirectory(), "M30.xml");
        File.WriteAllText(file, xml);

        var error = Assert.Throws<InputException>(() => FestImporter.Import(file, Paths.TempDirectory())).Errors.Single();

        Assert.Equal(file, error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void The_version_attribute_overrides_an_unknown_namespace()
    {
        var file = Path.Combine(Paths.TempDirectory(), "M30.xml");
        File.WriteAllText(file, "<FEST xmlns=\"urn:x\" versjon=\"3.5.0\"><HentetDato>2026-01-01T00:00:00</HentetDato></FEST>");

        Assert.Equal("FEST 3.5 2026-01-01 (M30.xml)", FestImporter.Import(file, Paths.TempDirectory()).Source);
    }

    private static (ImportResult Result, string Directory) Import(string file)
    {
        var directory = Paths.TempDirectory();
        return (FestImporter.Import(Paths.TestData("fest", file), directory), directory);
    }
}
