namespace MedEngine.Rules;

/// <summary>A threshold on a lab value that is recent enough: <c>{ test: egfr, below: 30, maxAgeDays: 365 }</c>.</summary>
/// <param name="Test">The test (<c>egfr</c>, <c>crcl</c>, <c>creatinine</c>, <c>potassium</c>, <c>sodium</c>, <c>inr</c>, <c>loinc:CODE</c>).</param>
/// <param name="Below">The value must be below this, when given.</param>
/// <param name="Above">The value must be above this, when given.</param>
/// <param name="MaxAgeDays">The value must be at most this old, when given; a value of unknown date is then too old.</param>
internal sealed record LabCriterion(string Test, decimal? Below, decimal? Above, int? MaxAgeDays)
{
    /// <summary>Whether a lab value crosses the threshold and is recent enough.</summary>
    /// <param name="lab">The lab value.</param>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool Holds(LabFact lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return lab.Test == Test
            && (Below is null || lab.Value < Below)
            && (Above is null || lab.Value > Above)
            && (MaxAgeDays is null || (lab.AgeDays is { } age && age <= MaxAgeDays));
    }

    /// <inheritdoc />
    public override string ToString() =>
        Test + (Below is { } b ? " < " + LabFacts.Format(b) : "") + (Above is { } a ? " > " + LabFacts.Format(a) : "")
        + (MaxAgeDays is { } d ? $" (at most {d} days old)" : "");
}
