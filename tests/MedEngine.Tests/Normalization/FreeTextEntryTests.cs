using MedEngine.Model;
using MedEngine.Normalization;
using Xunit;

namespace MedEngine.Tests.Normalization;

/// <summary>Medications written as one free text, the way a patient or a home-care note writes them (issue 11).</summary>
public sealed class FreeTextEntryTests
{
    private static readonly MedicationSource Patient = new("patient", SourceKind.PatientReported);

    private static NormalizedEntry Normalize(string name, string? dosageText = null) =>
        TestKnowledge.Normalizer.Normalize(Patient, new MedicationEntry { EntryId = "1", Name = name, DosageText = dosageText });

    [Theory]
    [InlineData("Pinex 500 mg 2 tabletter ved behov", "N02BE01", "Pinex", "500 mg 2 tabletter ved behov", "2 tabletter ved behov")]
    [InlineData("Lipitor 20 mg om kvelden", "C10AA05", "Lipitor", "20 mg om kvelden", "om kvelden")]
    [InlineData("Furix 40 mg 1 om morgenen", "C03CA01", "Furix", "40 mg 1 om morgenen", "1 om morgenen")]
    [InlineData("Paracet 500 mg tablett 2 x 3", "N02BE01", "Paracet", "500 mg tablett 2 x 3", "tablett 2 x 3")]
    public void FreeText_ExactNameFirst_ResolvesAndReadsTheRest(string text, string atc, string name, string rest, string dosage)
    {
        var entry = Normalize(text);
        Assert.Equal(ResolutionEvidence.ExactName, entry.Resolution.Evidence);
        Assert.Equal(atc, Assert.Single(entry.Resolution.Substances).Atc);
        Assert.Equal(new FreeTextReading(name, rest), entry.Resolution.FreeText);
        Assert.Equal(dosage, entry.DosageText);
    }

    [Fact]
    public void FreeText_DoseInTheText_GivesTheDailyDose()
    {
        var entry = Normalize("Furix 40 mg 1 om morgenen");
        Assert.Equal(40m, entry.Strength!.Value);
        Assert.Equal(40m, entry.DailyDose!.Value);
        Assert.Equal("mg", entry.DailyDose.Unit.Symbol);
    }

    [Fact]
    public void FreeText_AsNeeded_IsAsNeededWithNoRegularDailyDose()
    {
        var entry = Normalize("Pinex 500 mg 2 tabletter ved behov");
        Assert.True(entry.Dosage.AsNeeded);
        Assert.Null(entry.DailyDose);
    }

    [Fact]
    public void FreeText_WithItsOwnDosageText_ReadsThatDosageText()
    {
        var entry = Normalize("Furix 40 mg om morgenen", "2 om morgenen");
        Assert.Equal("C03CA01", Assert.Single(entry.Resolution.Substances).Atc);
        Assert.Equal("2 om morgenen", entry.DosageText);
        Assert.Equal(80m, entry.DailyDose!.Value);
    }

    [Fact]
    public void FreeText_WordsNotUnderstood_StayVisible()
    {
        var entry = Normalize("Voltaren gel på knærne");
        Assert.Equal("M01AB05", Assert.Single(entry.Resolution.Substances).Atc);
        Assert.Equal("Voltaren gel", entry.Resolution.FreeText!.Name);
        Assert.Equal("gel", entry.Form);
        Assert.Equal("topical", entry.Route);
        Assert.Equal("på knærne", entry.DosageText);
        Assert.NotNull(entry.Dosage.Problem);
        Assert.Contains("knærne", entry.Dosage.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pinexx 500 mg 2 tabletter ved behov", "pinex")]
    [InlineData("Lipittor 20 mg om kvelden", "lipitor")]
    public void FreeText_NameOnlySimilar_IsUnresolvedWithProposals(string text, string proposed)
    {
        var entry = Normalize(text);
        Assert.False(entry.Resolution.IsResolved);
        Assert.Null(entry.LineKey);
        Assert.Null(entry.Resolution.FreeText);
        Assert.Contains(entry.Resolution.PossibleMatches, m => m.Name == proposed);
    }

    [Theory]
    [InlineData("Paracetamol 500 mg og noe ukjent 30 mg")]
    [InlineData("Paracet 500 mg kodein")]
    [InlineData("Marevan pluss 2 mg")]
    public void FreeText_RestThatMayBeAnotherMedication_IsNotMerged(string text) =>
        Assert.False(Normalize(text).Resolution.IsResolved);

    [Fact]
    public void FreeText_LongerNameWins_OverAShorterBrandWithinIt()
    {
        var entry = Normalize("Paralgin forte 1 tablett ved behov");
        Assert.Equal("N02BE01+R05DA04", entry.LineKey);
        Assert.Equal("Paralgin forte", entry.Resolution.FreeText!.Name);
    }

    [Theory]
    [InlineData("Spiriva 18 mikrogram inhalasjonspulver, hard kapsel", "inhalation", "inhalation")]
    [InlineData("Ozempic 1 mg injeksjonsvæske, oppløsning i ferdigfylt penn", "injection", "parenteral")]
    [InlineData("Xalatan 50 mikrogram/ml øyedråper, oppløsning", "eye drops", "ophthalmic")]
    [InlineData("Paracet 24 mg/ml mikstur, oppløsning", "oral liquid", "oral")]
    [InlineData("Locoid 0,1 % kutan oppløsning", "cutaneous", "topical")]
    [InlineData("Fucithalmic 1 % øyedråper, suspensjon", "eye drops", "ophthalmic")]
    [InlineData("Terra-Cortril øyesalve", "eye ointment", "ophthalmic")]
    [InlineData("Otocomb øredråper", "ear drops", "otic")]
    [InlineData("Temgesic 0,2 mg sublingualtablett", "oromucosal", "oromucosal")]
    [InlineData("Nexplanon 68 mg implantat", "implant", "subcutaneous")]
    [InlineData("Vagifem 10 mikrogram vaginaltablett", "vaginal", "vaginal")]
    public void FestFormName_CarrierDoesNotDecideTheForm(string name, string form, string route)
    {
        Assert.Equal(form, FormAndRoute.NormalizeForm(name));
        Assert.Equal(route, FormAndRoute.RouteOf(form));
    }

    [Theory]
    [InlineData("Cozaar Comp 50/12,5 mg tablett")]
    [InlineData("Atacand Plus 16 mg/12,5 mg tablett")]
    public void CombinationStrengths_AreNeverOneComponentsStrength(string name)
    {
        var entry = TestKnowledge.Normalizer.Normalize(Patient, new MedicationEntry
        {
            EntryId = "1", Name = name, DosageText = "1 tablett morgen", Codings = [new MedicationCoding(CodeSystem.Atc, "C09DA01", null)],
        });
        Assert.Null(entry.Strength);
        Assert.Null(entry.DailyDose);
    }
}
