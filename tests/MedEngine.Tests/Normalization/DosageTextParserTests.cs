using System.Globalization;
using MedEngine.Normalization;
using Xunit;

namespace MedEngine.Tests.Normalization;

public sealed class DosageTextParserTests
{
    [Theory]
    [InlineData("1 tablett 2 ganger daglig", 1, 2, 2)]
    [InlineData("1x2", 1, 2, 2)]
    [InlineData("1 x 3", 1, 3, 3)]
    [InlineData("1-0-1", 1, 2, 2)]
    [InlineData("2-1-0", null, 2, 3)]
    [InlineData("1-1-1-1", 1, 4, 4)]
    [InlineData("2 tabl morgen og kveld", 2, 2, 4)]
    [InlineData("1 tablet twice daily", 1, 2, 2)]
    [InlineData("1 tablett om morgenen", 1, 1, 1)]
    [InlineData("½ tablett daglig", 0.5, 1, 0.5)]
    [InlineData("1 tablett 1 gang daglig", 1, 1, 1)]
    [InlineData("2 tablets three times daily", 2, 3, 6)]
    [InlineData("1 tab bid", 1, 2, 2)]
    [InlineData("10 mg every 8 hours", 10, 3, 30)]
    [InlineData("en tablett to ganger daglig", 1, 2, 2)]
    public void Parse_RegularDosage_GivesAmountAndFrequency(string text, object? amount, object times, object perDay)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.Problem);
        Assert.False(dosage.AsNeeded);
        Assert.Equal(amount is null ? null : Convert.ToDecimal(amount, CultureInfo.InvariantCulture), dosage.AmountPerDose?.Value);
        Assert.Equal(Convert.ToDecimal(times, CultureInfo.InvariantCulture), dosage.TimesPerDay);
        Assert.Equal(Convert.ToDecimal(perDay, CultureInfo.InvariantCulture), dosage.AmountPerDay!.Value);
    }

    [Theory]
    [InlineData("every 8 hours", 3)]
    [InlineData("q8h", 3)]
    [InlineData("q12h", 2)]
    [InlineData("hver 6. time", 4)]
    public void Parse_IntervalWithoutAmount_GivesFrequencyButNoDailyAmount(string text, int times)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.Problem);
        Assert.Equal((decimal)times, dosage.TimesPerDay);
        Assert.Null(dosage.AmountPerDose);
        Assert.Null(dosage.AmountPerDay);
    }

    [Theory]
    [InlineData("ved behov, maks 4 per døgn", 4)]
    [InlineData("1 tablett ved behov, maks 3 tabletter per døgn", 3)]
    [InlineData("prn", null)]
    [InlineData("v.b.", null)]
    [InlineData("1 pose ved behov", null)]
    public void Parse_AsNeeded_IsNotARegularDailyDose(string text, int? max)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.Problem);
        Assert.True(dosage.AsNeeded);
        Assert.Null(dosage.AmountPerDay);
        Assert.Equal((decimal?)max, dosage.MaxTimesPerDay);
    }

    [Theory]
    [InlineData("Etter INR")]
    [InlineData("etter avtale")]
    [InlineData("som før")]
    [InlineData("as directed")]
    [InlineData("2 om morgenen etter sykehuset")]
    [InlineData("1 tablett")]
    public void Parse_UnreadableText_StaysUnknownWithTheReason(string text)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.NotNull(dosage.Problem);
        Assert.Contains(text.Trim(), dosage.Problem, StringComparison.Ordinal);
        Assert.Null(dosage.TimesPerDay);
        Assert.Null(dosage.AmountPerDay);
        Assert.False(dosage.AsNeeded);
    }

    [Theory]
    [InlineData("1 tablett", "it gives no frequency")]
    [InlineData("2 om morgenen etter sykehuset", "could not read 'sykehuset'")]
    [InlineData("1 tablett daglig, men tar den ikke", "could not read 'men ikke'")]
    [InlineData("1 tbl x 2 morgen", "the frequency and the 1 times of day beside it disagree")]
    [InlineData("1-0-1 (morgen og middag)", "the schedule and the times or frequency beside it disagree")]
    [InlineData("1x3 og 2 om kvelden", "more than one amount")]
    public void Parse_TextNotUnderstood_IsFlaggedWithTheWordsOrTheReason_AndGivesNothing(string text, string reason)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.True(dosage.NotUnderstood);
        Assert.Contains(reason, dosage.Problem, StringComparison.Ordinal);
        Assert.Equal(DosageInterpretation.Unknown with { NotUnderstood = true, Problem = dosage.Problem }, dosage);
    }

    [Theory]
    [InlineData("Etter INR", "it follows a plan or an earlier dosage: 'etter inr'")]
    [InlineData("3 tabletter daglig i 3 dager, deretter 2 tabletter daglig", "the dose changes over time: 'deretter'")]
    [InlineData("1 tablett 1 gang i måneden", "a month is no fixed number of days")]
    [InlineData("0-0-0", "the schedule gives no dose")]
    [InlineData("1-2 tbl x 3", "a range of amounts")]
    [InlineData("1 dråpe i hvert øye x 2", "the amount is per eye, ear or nostril")]
    [InlineData("1 tablett inntil 3 ganger daglig", "only the most per day is given")]
    public void Parse_TextWithoutOneDailyDose_IsReadButGivesNoDailyDose_WithWhy(string text, string reason)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.False(dosage.NotUnderstood);
        Assert.Null(dosage.AmountPerDay);
        Assert.StartsWith("Dosage text has no single daily dose: '" + text + "'", dosage.Problem, StringComparison.Ordinal);
        Assert.Contains(reason, dosage.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2 tabletter ved behov, maks 8 tabletter per døgn", 2, 4, 8)]
    [InlineData("500 mg v/b, maks 3 g/døgn", 500, 6, 3)]
    [InlineData("1 tablett hver 6. time ved behov", 1, 4, 4)]
    [InlineData("2 puffs q4h prn", 2, 6, 12)]
    public void Parse_AsNeededMaximumInAmounts_GivesTheAdministrationsToo(string text, int dose, int maxTimes, int maxAmount)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.True(dosage.AsNeeded);
        Assert.Equal(dose, dosage.AmountPerDose!.Value);
        Assert.Equal(maxTimes, dosage.MaxTimesPerDay);
        Assert.Equal(maxAmount, dosage.MaxAmountPerDay!.Value);
    }

    [Fact]
    public void Parse_AMaximumThatCouldCountAdministrationsOrTablets_IsLeftOut_WithWhy()
    {
        var dosage = DosageTextParser.Parse("1-2 tablets as needed, max 8 per day");
        Assert.True(dosage.AsNeeded);
        Assert.Null(dosage.MaxTimesPerDay);
        Assert.Null(dosage.MaxAmountPerDay);
        Assert.Contains("could count administrations or tablets", dosage.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 tablett 3 ganger daglig i 5 dager", 5)]
    [InlineData("1 tbl x 3 x 5 dager", 5)]
    [InlineData("1 tablet daily for 2 weeks", 14)]
    [InlineData("1 tbl x 2", null)]
    public void Parse_Course_GivesItsDays_AndTheDailyDoseWhileItLasts(string text, int? days)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Equal(days, dosage.DurationDays);
        Assert.NotNull(dosage.AmountPerDay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_MissingText_IsUnknownWithoutProblem(string? text)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Same(DosageInterpretation.Unknown, dosage);
    }

    [Theory]
    [InlineData("١x٢")]
    [InlineData("１x２")]
    [InlineData("٣ tablett daglig")]
    public void Parse_DigitsThatAreNotAscii_AreNotUnderstood_NeverAnException(string text)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.AmountPerDay);
        Assert.NotNull(dosage.Problem);
    }

    [Theory]
    [InlineData("1x123456789012345678901234567890")]
    [InlineData("99999999999 mg 1x3")]
    [InlineData("2000000000x2000000000")]
    public void Parse_ANumberBeyondAnyPlausibleDose_IsUnknownWithTheReason_NeverAnOverflow(string text)
    {
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.AmountPerDay);
        Assert.Contains("beyond any plausible dose", dosage.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ATextLongerThanAnyDosage_IsNotUnderstood_WithItsLength()
    {
        var text = string.Concat(Enumerable.Repeat("1 tablett morgen og kveld ", 40_000));
        var dosage = DosageTextParser.Parse(text);
        Assert.Null(dosage.AmountPerDay);
        Assert.Contains($"{text.Length} characters", dosage.Problem, StringComparison.Ordinal);
        Assert.True(dosage.Problem!.Length < 300);
    }
}
