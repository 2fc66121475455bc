using MedEngine.Import.Atc;
using MedEngine.Import.Names;
using MedEngine.Knowledge;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

public sealed class NameImporterTests(ITestOutputHelper output)
{
    private static readonly string[] BrandLists = ["drugs_dictionary_nhs.csv", "drugs_dictionary_medlineplus.csv", "drugs_dictionary_mesh.csv"];

    [Fact]
    public void Synonyms_and_brands_are_added_by_exact_name_and_conflicts_are_skipped()
    {
        var directory = Paths.TempDirectory();

        var result = NameImporter.Import([Paths.TestData("names", "medlineplus.csv"), Paths.TestData("names", "drugbank.csv")], Paths.TestData("names"), directory);

        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("N02BE01", knowledge.FindByName("acetaminophen")!.Substances.Single().Key);
        Assert.Equal("N02BE01", knowledge.FindByName("paracetamolum")!.Substances.Single().Key);
        Assert.Equal("B01AA03", knowledge.FindByName("coumafene")!.Substances.Single().Key);
        Assert.Equal("N02BE01", knowledge.FindByName("ofirmev")!.Product!.Substances.Single().Key);
        Assert.Equal("M01AE01", knowledge.FindByName("advil")!.Substances.Single().Key);
        Assert.Null(knowledge.FindByName("panadol"));
        Assert.Null(knowledge.FindByName("shared name"));
        Assert.Null(knowledge.FindByName("menaphthone"));
        Assert.Null(knowledge.FindByName("triumeq"));
        Assert.Equal("marevan", knowledge.FindByName("marevan")!.Product!.Name);
        Assert.Equal(
            [
                "brand has a digit (a code or strength)", "brand shorter than 3 letters", "generic name not in the knowledge base",
                "name proposed for several substances", "names several substances", "no substance has this name",
            ],
            result.SkippedByReason.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, result.SkippedByReason["name proposed for several substances"]);
    }

    [Fact]
    public void The_real_lists_on_the_shipped_knowledge_base_give_one_the_loader_accepts()
    {
        var directory = Paths.TempDirectory();
        string[] files = [RepositoryPaths.OpenData("drug-names", "drugbank_vocabulary.csv"), .. BrandLists.Select(f => RepositoryPaths.OpenData("drug-names", f))];

        var result = NameImporter.Import(files, RepositoryPaths.ShippedKnowledge, directory);

        Figures.Report(output, result);
        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("B01AA03", knowledge.FindByName("coumadin")!.Substances.Single().Key);
        Assert.Equal("N02BE01", knowledge.FindByName("paracetamolum")!.Substances.Single().Key);
        Assert.True(result.Counts["synonyms added"] > 1000);
    }

    [SharedDataFact("atc", "atc-no")]
    public void The_real_lists_on_the_WHO_index_give_a_knowledge_base_the_loader_accepts()
    {
        var atc = Paths.TempDirectory();
        AtcImporter.Import(RepositoryPaths.SharedData("atc", "who_atc_ddd_2026-04-25.csv"), RepositoryPaths.SharedData("atc-no", "atc_no_names.csv"), atc);
        var directory = Paths.TempDirectory();
        string[] files = [RepositoryPaths.OpenData("drug-names", "drugbank_vocabulary.csv"), .. BrandLists.Select(f => RepositoryPaths.OpenData("drug-names", f))];

        var result = NameImporter.Import(files, atc, directory);

        Figures.Report(output, result);
        var knowledge = FileKnowledgeBase.Load(directory);
        Assert.Equal("N02BE01", knowledge.FindByName("acetaminophen")!.Substances.Single().Key);
    }

    [Fact]
    public void A_file_that_is_not_a_name_list_is_an_input_error()
    {
        var file = Path.Combine(Paths.TempDirectory(), "names.csv");
        File.WriteAllText(file, "id,name\n1,warfarin\n");

        Assert.Throws<InputException>(() => NameImporter.Import([file], Paths.TestData("names"), Paths.TempDirectory()));
    }
}
