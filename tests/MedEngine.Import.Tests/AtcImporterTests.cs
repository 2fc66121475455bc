using MedEngine.Import.Atc;
using MedEngine.Knowledge;
using MedEngine.Model;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

/// <summary>The WHO ATC index and Norwegian names from ../shared/data (non-commercial: output goes to a temp folder only).</summary>
public sealed class AtcImporterTests(ITestOutputHelper output)
{
    private static string AtcFile => RepositoryPaths.SharedData("atc", "who_atc_ddd_2026-04-25.csv");

    private static string NorwegianFile => RepositoryPaths.SharedData("atc-no", "atc_no_names.csv");

    [SharedDataFact("atc", "atc-no")]
    public void The_WHO_index_with_Norwegian_names_gives_a_knowledge_base_the_loader_accepts()
    {
        var directory = Paths.TempDirectory();

        var result = AtcImporter.Import(AtcFile, NorwegianFile, directory);

        Figures.Report(output, result);
        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("B01AA03", knowledge.FindByName("warfarin")!.Substances.Single().Key);
        Assert.Equal("C09AA05", knowledge.FindByName("ramipril")!.Substances.Single().Key);
        Assert.Equal("klopidogrel", knowledge.FindByCode(CodeSystem.Atc, "B01AC04")!.Substances.Single().NameNb);
        var miconazole = knowledge.FindByCode(CodeSystem.Atc, "D01AC02")!;
        Assert.Equal("A01AB09", miconazole.Substances.Single().Key);
        Assert.Null(knowledge.FindByName("combinations"));
        Assert.Null(knowledge.FindByName("various"));
        Assert.InRange(result.Counts["substances"], 3900, 5678);
        Assert.Contains("B01AA03\t7.5\tmg\toral\t", File.ReadAllLines(Path.Combine(directory, "ddd.tsv")));
        Assert.Equal(result.Read, File.ReadLines(AtcFile).Count() - 1);
    }

    [Fact]
    public void Names_of_combinations_and_groups_name_no_substance()
    {
        Assert.True(AtcIndex.IsSubstanceName("insulin (human)"));
        Assert.False(AtcIndex.IsSubstanceName("sodium fluoride, combinations"));
        Assert.False(AtcIndex.IsSubstanceName("insulin glargine and lixisenatide"));
        Assert.False(AtcIndex.IsSubstanceName("various"));
    }

    [Fact]
    public void A_file_that_is_not_the_index_is_an_input_error()
    {
        var file = Path.Combine(Paths.TempDirectory(), "atc.csv");
        File.WriteAllText(file, "code,name\nB01AA03,warfarin\n");

        var error = Assert.Throws<InputException>(() => AtcImporter.Import(file, null, Paths.TempDirectory())).Errors.Single();

        Assert.Equal((1, 1), (error.Line, error.Column));
    }
}
