using MedEngine.Knowledge;
using MedEngine.Model;
using Xunit;

namespace MedEngine.Tests.Knowledge;

public sealed class FileKnowledgeBaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-kb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string substances, string salts, string products)
    {
        File.WriteAllText(Path.Combine(_directory, "substances.tsv"), substances);
        File.WriteAllText(Path.Combine(_directory, "salts.txt"), salts);
        File.WriteAllText(Path.Combine(_directory, "products.tsv"), products);
    }

    [Fact]
    public void Load_ValidFiles_ResolvesNamesCodesAndSalts()
    {
        Write("# test\natc\tname_en\tname_nb\tsynonyms\nB01AA03\twarfarin\twarfarin\tcoumadin\n", "sodium\n",
            "name\tsubstances\tatc\tform\troute\tcodes\nmarevan\tB01AA03\t\ttablett\toral\tfest:ID_1;rxnorm:855332\n");
        var knowledge = FileKnowledgeBase.Load(_directory);
        Assert.Equal("B01AA03", knowledge.FindByName("coumadin")!.Substances[0].Atc);
        Assert.Equal("marevan", knowledge.FindByCode(CodeSystem.FestProduct, "ID_1")!.Product!.Name);
        Assert.NotNull(knowledge.FindByCode(CodeSystem.Atc, "b01aa03"));
        Assert.True(knowledge.IsSalt("sodium"));
    }

    [Fact]
    public void Load_BadRows_ReportsEveryErrorWithFileLineAndColumn()
    {
        Write("atc\tname_en\tname_nb\tsynonyms\nB01AA3\twarfarin\twarfarin\t\nB01AA03\twarfarin\twarfarin\nN02BE01\tparacetamol\tparacetamol\t\n", "",
            "name\tsubstances\tatc\tform\troute\tcodes\nmarevan\tB01AA99\t\t\t\t\nparacet\tN02BE01\t\t\t\tcode:1\n");
        var errors = Assert.Throws<InputException>(() => FileKnowledgeBase.Load(_directory)).Errors;
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 2 && e.Column == 1 && e.Message.Contains("B01AA3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 3 && e.Message.Contains("columns", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 2 && e.Column == 9);
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 3 && e.Message.Contains("code:1", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolderFiles_SaysWhichFile()
    {
        var errors = Assert.Throws<InputException>(() => FileKnowledgeBase.Load(_directory)).Errors;
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Contains("missing", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadShipped_IsTheDataFolder()
    {
        var shipped = FileKnowledgeBase.LoadShipped();
        var folder = FileKnowledgeBase.Load(Path.Combine(RepositoryPaths.Root, "data", "knowledge"));
        Assert.Equal(folder.Names.Order(StringComparer.Ordinal), shipped.Names.Order(StringComparer.Ordinal));
    }
}
