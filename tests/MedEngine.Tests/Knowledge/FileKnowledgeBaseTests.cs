using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Units;
using Xunit;

namespace MedEngine.Tests.Knowledge;

public sealed class FileKnowledgeBaseTests : IDisposable
{
    private const string SubstanceHeader = "atc\tname_en\tname_nb\tsynonyms\trxnorm\n";
    private const string ProductHeader = "name\tsubstances\tatc\tform\troute\tcodes\tstrengths\n";
    private const string Substances = SubstanceHeader + "B01AA03\twarfarin\twarfarin\tcoumadin\t11289\nC09CA01\tlosartan\tlosartan\t\t52175\n"
        + "C03AA03\thydrochlorothiazide\thydroklortiazid\t\t5487\nC10AA05\tatorvastatin\tatorvastatin\t\t83367\nN02BE01\tparacetamol\tparacetamol\t\t161\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-kb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string substances, string salts, string products, string makers = "sandoz\nmedical valley\n")
    {
        File.WriteAllText(Path.Combine(_directory, "substances.tsv"), substances);
        File.WriteAllText(Path.Combine(_directory, "salts.txt"), salts);
        File.WriteAllText(Path.Combine(_directory, "products.tsv"), products);
        File.WriteAllText(Path.Combine(_directory, "makers.txt"), makers);
    }

    private IReadOnlyList<InputError> LoadErrors() => Assert.Throws<InputException>(() => FileKnowledgeBase.Load(_directory)).Errors;

    [Fact]
    public void Load_ValidFiles_ResolvesNamesCodesAndSalts()
    {
        Write("# test\n" + Substances, "sodium\n", ProductHeader + "marevan\tB01AA03\t\ttablett\toral\tfest:ID_1;rxnorm:855332\t\n");
        var knowledge = FileKnowledgeBase.Load(_directory);
        Assert.Equal("B01AA03", knowledge.FindByName("coumadin")!.Substances[0].Atc);
        Assert.Equal("marevan", knowledge.FindByCode(CodeSystem.FestProduct, "ID_1")!.Product!.Name);
        Assert.NotNull(knowledge.FindByCode(CodeSystem.Atc, "b01aa03"));
        Assert.True(knowledge.IsSalt("sodium"));
        Assert.Equal(5, knowledge.Substances.Count);
        Assert.Equal("marevan", Assert.Single(knowledge.Products).Name);
    }

    [Fact]
    public void Load_SubstanceRxNormCode_FindsTheSubstance()
    {
        Write(Substances, "", ProductHeader);
        var knowledge = FileKnowledgeBase.Load(_directory);
        var match = knowledge.FindByCode(CodeSystem.RxNorm, "83367")!;
        Assert.Null(match.Product);
        Assert.Equal("83367", Assert.Single(match.Substances).RxNorm);
        Assert.Equal("C10AA05", match.Substances[0].Atc);
    }

    [Fact]
    public void Load_CombinationWithStrengths_GivesEachComponentItsAmount()
    {
        Write(Substances, "", ProductHeader + "cozaar comp\tC09CA01;C03AA03\tC09DA01\ttablett\toral\t\t50 mg + 12.5 mg;100 mg + 25 mg\n");
        var knowledge = FileKnowledgeBase.Load(_directory);
        var cozaar = knowledge.FindByName("cozaar comp")!;
        Assert.Equal(["C03AA03", "C09CA01"], cozaar.Substances.Select(s => s.Key));
        Assert.Same(cozaar, knowledge.FindByCode(CodeSystem.Atc, "C09DA01"));
        var strengths = cozaar.Product!.Strengths;
        Assert.Equal(2, strengths.Count);
        Assert.Equal([("losartan", 50m), ("hydrochlorothiazide", 12.5m)], strengths[0].Components.Select(c => (c.Substance.NameEn, c.Amount.Value)));
        Assert.Equal([("losartan", 100m), ("hydrochlorothiazide", 25m)], strengths[1].Components.Select(c => (c.Substance.NameEn, c.Amount.Value)));
        Assert.All(strengths.SelectMany(s => s.Components), c => Assert.Equal(MeasureUnits.Milligram, c.Amount.Unit));
    }

    [Theory]
    [InlineData("atorvastatin sandoz", "C10AA05")]
    [InlineData("atorvastatin calcium sandoz", "C10AA05")]
    [InlineData("paracetamol medical valley", "N02BE01")]
    public void FindByName_SubstanceAndMaker_IsTheSubstance(string name, string atc)
    {
        Write(Substances, "calcium\n", ProductHeader + "paracet\tN02BE01\t\ttablett\toral\t\t\n");
        var match = FileKnowledgeBase.Load(_directory).FindByName(name)!;
        Assert.Null(match.Product);
        Assert.Equal(atc, Assert.Single(match.Substances).Atc);
    }

    [Theory]
    [InlineData("atorvastatinn sandoz")]
    [InlineData("paracet sandoz")]
    [InlineData("sandoz")]
    [InlineData("atorvastatin valley")]
    [InlineData("atorvastatin sandoz medical valley")]
    public void FindByName_MisspeltSubstanceProductOrMakerAlone_IsNothing(string name)
    {
        Write(Substances, "", ProductHeader + "paracet\tN02BE01\t\ttablett\toral\t\t\n");
        Assert.Null(FileKnowledgeBase.Load(_directory).FindByName(name));
    }

    [Fact]
    public void Load_BadRows_ReportsEveryErrorWithFileLineAndColumn()
    {
        Write(SubstanceHeader + "B01AA3\twarfarin\twarfarin\t\t\nB01AA03\twarfarin\twarfarin\t\nN02BE01\tparacetamol\tparacetamol\t\tRX1\nC09CA01\tlosartan\tlosartan\t\t\nC03AA03\thydrochlorothiazide\thydroklortiazid\t\t\n", "",
            ProductHeader + "marevan\tB01AA99\t\t\t\t\t\nparacet\tC09CA01\t\t\t\tcode:1\t\ncozaar comp\tC09CA01;C03AA03\t\t\t\t\t50 mg\nhyzaar\tC09CA01;C03AA03\t\t\t\t\t50 mg + 1 tablett\n");
        var errors = LoadErrors();
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 2 && e.Column == 1 && e.Message.Contains("B01AA3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 3 && e.Message.Contains("columns", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 4 && e.Column == 34 && e.Message.Contains("RX1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 2 && e.Column == 9);
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 3 && e.Message.Contains("code:1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 4 && e.Column == 33 && e.Message.Contains("1 amounts for 2 substances", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 5 && e.Message.Contains("'1 tablett'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NameOfTwoThings_IsAnErrorNamingFileAndLine()
    {
        Write(Substances + "B01AC06\tacetylsalicylic acid\tacetylsalisylsyre\tparacetamol\t\n", "", ProductHeader + "albyl\tB01AC06\t\t\t\t\t\nalbyl\tN02BE01\t\t\t\t\t\n");
        var errors = LoadErrors();
        Assert.Contains(errors, e => e.File.EndsWith("substances.tsv", StringComparison.Ordinal) && e.Line == 7 && e.Message.Contains("'paracetamol' already names paracetamol", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("products.tsv", StringComparison.Ordinal) && e.Line == 3 && e.Message.Contains("'albyl' already names acetylsalicylic acid", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MakerThatIsAName_IsAnErrorNamingFileAndLine()
    {
        Write(Substances, "", ProductHeader + "orion\tN02BE01\t\t\t\t\t\n", "# makers\nsandoz\norion\n");
        var error = Assert.Single(LoadErrors());
        Assert.True(error.File.EndsWith("makers.txt", StringComparison.Ordinal) && error.Line == 3, error.ToString());
        Assert.Contains("'orion' is also the name of paracetamol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameRxNormCodeTwice_IsAnError()
    {
        Write(SubstanceHeader + "B01AA03\twarfarin\twarfarin\t\t11289\nN02BE01\tparacetamol\tparacetamol\t\t11289\n", "", ProductHeader);
        var error = Assert.Single(LoadErrors());
        Assert.Equal(3, error.Line);
        Assert.Contains("RxNorm code '11289'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolderFiles_SaysWhichFile()
    {
        var errors = LoadErrors();
        Assert.Equal(["makers.txt", "products.tsv", "salts.txt", "substances.tsv"], errors.Select(e => Path.GetFileName(e.File)).Order(StringComparer.Ordinal));
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
