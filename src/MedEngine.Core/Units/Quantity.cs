using System.Globalization;
using System.Text.RegularExpressions;

namespace MedEngine.Units;

/// <summary>An exact amount with a unit (2.5 mg, 1 tablet, 25 µg/h).</summary>
/// <param name="Value">The amount. Never negative.</param>
/// <param name="Unit">The unit.</param>
public sealed partial record Quantity(decimal Value, MeasureUnit Unit)
{
    /// <summary>Converts to another unit of the same dimension, exactly.</summary>
    /// <param name="target">The unit to convert to.</param>
    /// <returns>The same amount in <paramref name="target"/>.</returns>
    /// <exception cref="InvalidOperationException">The units measure different things (mg and ml, or tablet and capsule).</exception>
    public Quantity ConvertTo(MeasureUnit target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Unit.IsConvertibleTo(target))
        {
            throw new InvalidOperationException($"Cannot convert {Unit.Symbol} to {target.Symbol}.");
        }

        return new Quantity(Value * Unit.Factor / target.Factor, target);
    }

    /// <summary>The same amount in the dimension's canonical unit (mg, mmol, IE, ml...); count units stay as they are.</summary>
    /// <returns>The canonical quantity.</returns>
    public Quantity ToCanonical() => Unit.Dimension == Dimension.Count ? this : ConvertTo(MeasureUnits.Canonical(Unit.Dimension));

    /// <summary>Whether two quantities are the same amount once converted (1 g equals 1000 mg).</summary>
    /// <param name="other">The other quantity.</param>
    /// <returns><see langword="true"/> when they convert and are equal; <see langword="false"/> otherwise, including when they do not convert.</returns>
    public bool IsSameAmount(Quantity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Unit.IsConvertibleTo(other.Unit) && ToCanonical().Value == other.ToCanonical().Value;
    }

    /// <summary>
    /// Parses a quantity as written: <c>2,5 mg</c>, <c>500mg</c>, <c>0.4 MG/ACTUAT</c>, <c>25 µg/h</c>, <c>1 tablett</c>.
    /// A decimal comma is accepted.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="quantity">The quantity, when the whole text is one non-negative amount and a known unit.</param>
    /// <returns><see langword="true"/> when parsed.</returns>
    public static bool TryParse(string? text, out Quantity? quantity)
    {
        quantity = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = QuantityPattern().Match(text.Trim());
        if (!match.Success || !TryParseNumber(match.Groups["value"].Value, out var value))
        {
            return false;
        }

        if (!MeasureUnits.TryParse(match.Groups["unit"].Value, out var unit))
        {
            return false;
        }

        quantity = new Quantity(value, unit);
        return true;
    }

    /// <summary>Parses a non-negative number with a decimal point or comma.</summary>
    /// <param name="text">The number as written.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the text is a number.</returns>
    internal static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc />
    public override string ToString() => $"{Value.ToString("0.####", CultureInfo.InvariantCulture)} {Unit.Symbol}";

    [GeneratedRegex(@"^(?<value>[0-9]+(?:[.,][0-9]+)?)\s*(?<unit>[^0-9\s].*?)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
