namespace MedEngine.Rules;

/// <summary>
/// A condition on a lab test: a threshold on its newest value that is recent enough (<c>{ test: egfr, below: 30, maxAgeDays: 365 }</c>),
/// a trend of its series (<c>trend: { over: 12 months, slopeBelow: -5, per: year, atLeast: 3 }</c>), or both.
/// </summary>
/// <param name="Test">The test (<c>egfr</c>, <c>crcl</c>, <c>creatinine</c>, <c>potassium</c>, <c>sodium</c>, <c>inr</c>, <c>loinc:CODE</c>).</param>
/// <param name="Below">The value must be below this, when given.</param>
/// <param name="Above">The value must be above this, when given.</param>
/// <param name="MaxAgeDays">The value must be at most this old, when given; a value of unknown date is then too old.</param>
/// <param name="Trend">The slope of the series, when given.</param>
/// <param name="ProjectBelow">With a trend: the threshold whose projected crossing downwards a finding gives (no condition).</param>
/// <param name="ProjectAbove">With a trend: the threshold whose projected crossing upwards a finding gives (no condition).</param>
internal sealed record LabCriterion(string Test, decimal? Below, decimal? Above, int? MaxAgeDays, LabTrend? Trend = null, decimal? ProjectBelow = null, decimal? ProjectAbove = null)
{
    /// <summary>Whether a lab value crosses the threshold and is recent enough, and its series has the trend.</summary>
    /// <param name="lab">The lab value.</param>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool Holds(LabFact lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return lab.Test == Test
            && (Below is null || lab.Value < Below)
            && (Above is null || lab.Value > Above)
            && (MaxAgeDays is null || (lab.AgeDays is { } age && age <= MaxAgeDays))
            && (Trend is null || (Trend.Fit(lab) is { } fit && Trend.Holds(fit)));
    }

    /// <summary>A lab value that meets the criterion, as a finding states it: the value, the slope, the points and the projected crossings.</summary>
    /// <param name="lab">The lab value.</param>
    /// <returns>The text.</returns>
    public string Describe(LabFact lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (Trend?.Fit(lab) is not { } fit)
        {
            return $"{lab.Describe()} ({this})";
        }

        string[] crossings =
        [
            .. ProjectBelow is { } below ? [fit.Crossing(below, below: true)] : Array.Empty<string>(),
            .. ProjectAbove is { } above ? [fit.Crossing(above, below: false)] : Array.Empty<string>(),
        ];
        return $"{lab.Describe()}, {fit.Describe(lab.Unit)}" + string.Concat(crossings.Select(c => "; " + c)) + $" ({this})";
    }

    /// <inheritdoc />
    public override string ToString() =>
        Test + (Below is { } b ? " < " + LabFacts.Format(b) : "") + (Above is { } a ? " > " + LabFacts.Format(a) : "")
        + (MaxAgeDays is { } d ? $" (at most {d} days old)" : "") + (Trend is { } t ? ", " + t : "");
}
