using System.Globalization;
using MathNet.Numerics;

namespace MedEngine.Rules;

/// <summary>
/// A condition on the slope of a lab series: <c>trend: { over: 12 months, slopeBelow: -5, per: year, atLeast: 3 points }</c>.
/// The slope is the least-squares line through the dated values of the window (MathNet.Numerics <see cref="Fit.Line"/>),
/// per year; a month counts 30 days and a year 365.25.
/// </summary>
/// <param name="Over">The window: values at most this old count.</param>
/// <param name="SlopeBelow">The slope per year must be below this, when given.</param>
/// <param name="SlopeAbove">The slope per year must be above this, when given.</param>
/// <param name="AtLeast">The fewest values the window must hold (2 or more, on at least two dates).</param>
internal sealed record LabTrend(TreatmentDuration Over, decimal? SlopeBelow, decimal? SlopeAbove, int AtLeast)
{
    private const double DaysPerYear = 365.25;

    /// <summary>The line through the values of the window, or <see langword="null"/> when there are too few or all on one date.</summary>
    /// <param name="lab">The newest value of the test, with its series.</param>
    /// <returns>The fit.</returns>
    public LabTrendFit? Fit(LabFact lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var points = lab.Series.Where(p => p.AgeDays is { } age && age >= 0 && age <= Over.Days).ToList();
        if (points.Count < AtLeast || points.Select(p => p.Effective).Distinct().Count() < 2)
        {
            return null;
        }

        var newest = points[^1].Effective!.Value;
        var years = points.Select(p => (p.Effective!.Value - newest).TotalDays / DaysPerYear).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(years, points.Select(p => (double)p.Value).ToArray());
        return new LabTrendFit((decimal)Math.Round(slope, 2), intercept, slope, newest, points);
    }

    /// <summary>Whether the slope of the fit meets the condition.</summary>
    public bool Holds(LabTrendFit fit) =>
        (SlopeBelow is null || fit.SlopePerYear < SlopeBelow) && (SlopeAbove is null || fit.SlopePerYear > SlopeAbove);

    /// <inheritdoc />
    public override string ToString() =>
        "slope per year" + (SlopeBelow is { } b ? " < " + LabFacts.Format(b) : "") + (SlopeAbove is { } a ? " > " + LabFacts.Format(a) : "")
        + $" over {Over} ({AtLeast.ToString(CultureInfo.InvariantCulture)} or more values)";
}

/// <summary>A least-squares line through a lab series.</summary>
/// <param name="SlopePerYear">The slope per year, rounded to two decimals.</param>
/// <param name="Intercept">The fitted value at the newest point's date.</param>
/// <param name="Slope">The slope per year, unrounded.</param>
/// <param name="Newest">The date of the newest point.</param>
/// <param name="Points">The values fitted, oldest first.</param>
internal sealed record LabTrendFit(decimal SlopePerYear, double Intercept, double Slope, DateTimeOffset Newest, IReadOnlyList<LabFact> Points)
{
    /// <summary>
    /// The date the line crosses a threshold going down (<paramref name="below"/>) or up: "already" when the fitted value at the
    /// newest point is past it, "not projected" when the line does not head there.
    /// </summary>
    public string Crossing(decimal threshold, bool below)
    {
        var gap = (double)threshold - Intercept;
        if (below ? gap >= 0 : gap <= 0)
        {
            return $"fitted value already {(below ? "below" : "above")} {LabFacts.Format(threshold)}";
        }

        if (below ? Slope >= 0 : Slope <= 0)
        {
            return $"not projected to go {(below ? "below" : "above")} {LabFacts.Format(threshold)}";
        }

        var date = Newest.AddDays(Math.Min(gap / Slope * 365.25, 36_500));
        return $"projected {(below ? "below" : "above")} {LabFacts.Format(threshold)} on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The slope and the points, as text.</summary>
    public string Describe(string unit) =>
        $"slope {SlopePerYear.ToString("0.##", CultureInfo.InvariantCulture)} {unit} per year through "
        + string.Join(", ", Points.Select(p => $"{LabFacts.Format(p.Value)} ({p.Effective!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"));
}
