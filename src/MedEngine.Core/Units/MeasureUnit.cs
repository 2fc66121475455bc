namespace MedEngine.Units;

/// <summary>A unit of measure with its dimension and its exact factor to the dimension's canonical unit.</summary>
/// <param name="Symbol">The canonical symbol of this unit (<c>mg</c>, <c>µg</c>, <c>IE</c>, <c>tablet</c>...).</param>
/// <param name="Dimension">What the unit measures.</param>
/// <param name="Factor">How many canonical units one of this unit is (1 g = 1000 mg). Always a power of ten, so conversions are exact.</param>
public sealed record MeasureUnit(string Symbol, Dimension Dimension, decimal Factor)
{
    /// <summary>Whether a quantity in this unit converts to <paramref name="other"/>.</summary>
    /// <param name="other">The other unit.</param>
    /// <returns><see langword="true"/> when both measure the same dimension (and, for counts, are the same unit).</returns>
    public bool IsConvertibleTo(MeasureUnit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Dimension == other.Dimension && (Dimension != Dimension.Count || Symbol == other.Symbol);
    }

    /// <inheritdoc />
    public override string ToString() => Symbol;
}
