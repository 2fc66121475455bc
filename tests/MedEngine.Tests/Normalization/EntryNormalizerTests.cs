using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Units;
using Xunit;

namespace MedEngine.Tests.Normalization;

public sealed class EntryNormalizerTests
{
    private static readonly MedicationSource Gp = new("gp", SourceKind.GeneralPractitioner);

    private static NormalizedEntry Normalize(string? name, params MedicationCoding[] codes) =>
        TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "1", Name = name, Codings = codes });

    [Theory]
    [InlineData("Marevan 2,5 mg tablett", "B01AA03")]
    [InlineData("MAREVAN", "B01AA03")]
    [InlineData("warfarin", "B01AA03")]
    [InlineData("Metoprolol succinate 47.5 mg", "C07AB02")]
    [InlineData("Selo-Zok 50 mg depottablett", "C07AB02")]
    [InlineData("ibuprofen 400 MG Oral Tablet", "M01AE01")]
    [InlineData("Ibuprofen 400 MG Oral Tablet [Ibu]", "M01AE01")]
    [InlineData("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", "A10BA02")]
    [InlineData("Acetaminophen 325 MG Oral Tablet", "N02BE01")]
    [InlineData("Paracet 500 mg tablett", "N02BE01")]
    [InlineData("Kåvepenin 1 g tablett", "J01CE02")]
    [InlineData("kavepenin", "J01CE02")]
    [InlineData("Penicillin V Potassium 250 MG Oral Tablet", "J01CE02")]
    [InlineData("potassium chloride", "A12BA01")]
    [InlineData("Cardizem Uno 240 mg depotkapsel", "C08DB01")]
    [InlineData("cyclosporine, modified 50 MG Oral Capsule", "L04AD01")]
    [InlineData("ketorolac tromethamine 10 MG Oral Tablet", "M01AB15")]
    [InlineData("rabeprazole sodium 20 MG Delayed Release Oral Tablet", "A02BC04")]
    [InlineData("Nitrolingual sublingualspray", "C01DA02")]
    [InlineData("Estradot 50 mikrogram/24 timer depotplaster", "G03CA03")]
    public void Normalize_SingleSubstanceName_ResolvesByExactName(string name, string atc)
    {
        var entry = Normalize(name);
        Assert.Equal(ResolutionEvidence.ExactName, entry.Resolution.Evidence);
        Assert.Equal(atc, Assert.Single(entry.Resolution.Substances).Atc);
    }

    [Fact]
    public void Normalize_SaltJoinedToTheName_IsNotGuessed()
    {
        var entry = Normalize("metoprololsuksinat");
        Assert.False(entry.Resolution.IsResolved);
        Assert.Null(entry.LineKey);
        Assert.Contains("metoprololsuksinat", entry.Resolution.UnresolvedReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Paralgin forte", "N02BE01+R05DA04")]
    [InlineData("Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet", "J01CA04+name:clavulanic acid")]
    [InlineData("Acetaminophen 21.7 MG/ML / Dextromethorphan Hydrobromide 1 MG/ML / doxylamine succinate 0.417 MG/ML Oral Solution", "N02BE01+R05DA09+R06AA09")]
    [InlineData("paracetamol/kodein", "N02BE01+R05DA04")]
    public void Normalize_Combination_ResolvesEverySubstance(string name, string lineKey) =>
        Assert.Equal(lineKey, Normalize(name).LineKey);

    [Fact]
    public void Normalize_AtcCode_WinsOverName()
    {
        var entry = Normalize("Noe annet", new MedicationCoding(CodeSystem.Atc, "B01AA03"));
        Assert.Equal(ResolutionEvidence.AtcCode, entry.Resolution.Evidence);
        Assert.Equal("B01AA03", entry.LineKey);
    }

    [Fact]
    public void Normalize_RxNormCode_ResolvesByProductCode()
    {
        var entry = Normalize(null, new MedicationCoding(CodeSystem.RxNorm, "314076"));
        Assert.Equal(ResolutionEvidence.ProductCode, entry.Resolution.Evidence);
        Assert.Equal("C09AA03", entry.LineKey);
    }

    [Fact]
    public void Normalize_UnknownAtcLevel5Code_IsItsOwnKey()
    {
        var entry = Normalize("Nytt legemiddel", new MedicationCoding(CodeSystem.Atc, "X99ZZ99"));
        Assert.Equal(ResolutionEvidence.UnknownAtcCode, entry.Resolution.Evidence);
        Assert.Equal("X99ZZ99", entry.LineKey);
    }

    [Theory]
    [InlineData("Metforrmin", "metformin")]
    [InlineData("Simvastatn 20 mg", "simvastatin")]
    public void Normalize_MisspeltName_IsUnresolvedWithPossibleMatch(string name, string proposed)
    {
        var entry = Normalize(name);
        Assert.False(entry.Resolution.IsResolved);
        Assert.Null(entry.LineKey);
        Assert.Contains(name, entry.Resolution.UnresolvedReason, StringComparison.Ordinal);
        Assert.Equal(proposed, entry.Resolution.PossibleMatches[0].Name);
    }

    [Theory]
    [InlineData("Paracetamol og noe ukjent")]
    [InlineData("Marevan pluss")]
    public void Normalize_KnownNameWithUnknownWords_IsNotMerged(string name) =>
        Assert.False(Normalize(name).Resolution.IsResolved);

    [Fact]
    public void Normalize_NoNameNoCode_IsUnresolvedWithReason()
    {
        var entry = TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "x" });
        Assert.False(entry.Resolution.IsResolved);
        Assert.Contains("no name", entry.Resolution.UnresolvedReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Voltaren gel 11,6 mg/g", "M01AB05@topical", "gel")]
    [InlineData("Voltaren 50 mg enterotablett", "M01AB05", "tablet")]
    [InlineData("Selo-Zok 50 mg depottablett", "C07AB02", "modified-release tablet")]
    public void Normalize_RouteGroup_SeparatesLocalFromSystemic(string name, string lineKey, string form)
    {
        var entry = Normalize(name);
        Assert.Equal(lineKey, entry.LineKey);
        Assert.Equal(form, entry.Form);
    }

    [Fact]
    public void Normalize_StrengthAndDosageText_GiveDailyDose()
    {
        var entry = TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "1", Name = "Furix 40 mg tablett", DosageText = "1-0-1" });
        Assert.Equal(new Quantity(80m, MeasureUnits.Milligram), entry.DailyDose);
    }

    [Fact]
    public void Normalize_StructuredDose_WinsOverText()
    {
        Assert.True(Quantity.TryParse("2 tablett", out var dose));
        var entry = TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry
        {
            EntryId = "1", Name = "Paracet 500 mg tablett", Dose = dose, TimesPerDay = 3, DosageText = "noe annet",
        });
        Assert.Equal(3000m, entry.DailyDose!.Value);
    }

    [Fact]
    public void Normalize_MissingDosage_IsUnknownNotACrash()
    {
        var entry = Normalize("Paracet 500 mg tablett");
        Assert.Null(entry.DailyDose);
        Assert.Null(entry.Dosage.TimesPerDay);
        Assert.Null(entry.Dosage.Problem);
    }

    [Theory]
    [InlineData(0, "1 tablett")]
    [InlineData(-2, "1 tablett")]
    [InlineData(100, "1 tablett")]
    [InlineData(2, "500 tablett")]
    [InlineData(2, "0 mg")]
    public void Normalize_ImplausibleDose_IsFlaggedAndTreatedAsUnknown(int times, string dose)
    {
        Assert.True(Quantity.TryParse(dose, out var amount));
        var entry = TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "1", Name = "Paracet 500 mg", Dose = amount, TimesPerDay = times });
        Assert.StartsWith("Implausible", entry.Dosage.Problem, StringComparison.Ordinal);
        Assert.Null(entry.DailyDose);
    }
}
