using BenchmarkDotNet.Reports;
using MathNet.Numerics;

namespace MedEngine.Benchmarks;

/// <summary>Fits cost = c · n^k to the growth benchmarks (least squares in log-log) and prints k.</summary>
internal static class GrowthExponent
{
    public static void Report(IEnumerable<Summary> summaries, TextWriter output)
    {
        foreach (var summary in summaries.Where(s => s.Title.Contains("Growth", StringComparison.Ordinal)))
        {
            var points = summary.Reports
                .Where(r => r.ResultStatistics is not null)
                .Select(r => (N: Convert.ToDouble(r.BenchmarkCase.Parameters.Items[0].Value, System.Globalization.CultureInfo.InvariantCulture), Ns: r.ResultStatistics!.Median))
                .OrderBy(p => p.N)
                .ToList();
            if (points.Count < 2)
            {
                continue;
            }

            var (_, exponent) = Fit.Line(points.Select(p => Math.Log(p.N)).ToArray(), points.Select(p => Math.Log(p.Ns)).ToArray());
            output.WriteLine($"{summary.BenchmarksCases[0].Descriptor.Type.Name}: cost grows as n^{exponent:0.00} over n = {string.Join(", ", points.Select(p => p.N))}");
        }
    }
}
