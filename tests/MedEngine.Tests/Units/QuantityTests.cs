using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Units;
using Xunit;

namespace MedEngine.Tests.Units;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2,5 mg", 2.5, "mg")]
    [InlineData("500mg", 500, "mg")]
    [InlineData("1 g", 1, "g")]
    [InlineData("100 µg", 100, "µg")]
    [InlineData("100 mcg", 100, "µg")]
    [InlineData("100 ug", 100, "µg")]
    [InlineData("20 mmol", 20, "mmol")]
    [InlineData("4000 IE", 4000, "IE")]
    [InlineData("4000 IU", 4000, "IE")]
    [InlineData("70 UNT/ML", 70, "IE/ml")]
    [InlineData("10 ml", 10, "ml")]
    [InlineData("1 mg/ml", 1, "mg/ml")]
    [InlineData("5 %", 5, "%")]
    [InlineData("25 µg/h", 25, "µg/h")]
    [InlineData("12 mikrogram/time", 12, "µg/h")]
    [InlineData("0.4 MG/ACTUAT", 0.4, "mg")]
    [InlineData("1 tablett", 1, "tablet")]
    [InlineData("2 tabl", 2, "tablet")]
    public void TryParse_KnownUnit_GivesValueAndCanonicalSymbol(string text, double value, string symbol)
    {
        Assert.True(Quantity.TryParse(text, out var quantity));
        Assert.Equal((decimal)value, quantity!.Value);
        Assert.Equal(symbol, quantity.Unit.Symbol);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mg")]
    [InlineData("-5 mg")]
    [InlineData("5 bananas")]
    [InlineData("five mg")]
    public void TryParse_NonsenseOrNegative_IsRejected(string text) => Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    [InlineData("1 g", "1000 mg")]
    [InlineData("1000 µg", "1 mg")]
    [InlineData("1 l", "1000 ml")]
    [InlineData("1 g/l", "1 mg/ml")]
    [InlineData("1000 µmol", "1 mmol")]
    [InlineData("1 mg/h", "1000 µg/h")]
    [InlineData("10 mg/g", "1 %")]
    public void IsSameAmount_EquivalentUnits_AreEqual(string a, string b)
    {
        Assert.True(Quantity.TryParse(a, out var x));
        Assert.True(Quantity.TryParse(b, out var y));
        Assert.True(x!.IsSameAmount(y!));
    }

    [Fact]
    public void ConvertTo_DifferentDimension_Throws()
    {
        Assert.True(Quantity.TryParse("5 mg", out var mg));
        Assert.True(Quantity.TryParse("5 ml", out var ml));
        Assert.Throws<InvalidOperationException>(() => mg!.ConvertTo(ml!.Unit));
        Assert.False(mg!.IsSameAmount(ml!));
    }

    private static readonly string[] MassUnits = ["g", "mg", "µg", "ng"];

    [Property(MaxTest = 300)]
    public Property ConvertTo_RoundTrips_Exactly() => Prop.ForAll(
        Gen.Choose(0, 10_000_000).Select(n => n / 1000m).ToArbitrary(),
        Gen.Elements(MassUnits).ToArbitrary(),
        Gen.Elements(MassUnits).ToArbitrary(),
        (value, from, to) =>
        {
            Assert.True(MeasureUnits.TryParse(from, out var source));
            Assert.True(MeasureUnits.TryParse(to, out var target));
            var original = new Quantity(value, source);
            var back = original.ConvertTo(target).ConvertTo(source);
            return back.Value == original.Value && original.IsSameAmount(original.ConvertTo(target));
        });
}
