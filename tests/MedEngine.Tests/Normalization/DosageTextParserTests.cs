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
    [InlineData("1-2 tablets as needed, max 8 per day")]
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
