using System.Globalization;
using MedEngine.Normalization;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests.Normalization;

/// <summary>
/// Runs the parser over every text of <c>tests/MedEngine.Tests/TestData/dosage-corpus.tsv</c>. A text the parser reads must say exactly what
/// the corpus says (daily dose, unit, times per day, as needed, maximum); a text it does not understand gives nothing and is counted as unread.
/// </summary>
public sealed class DosageCorpusTests(ITestOutputHelper output)
{
    /// <summary>The share of all corpus texts read, as measured (520 of 562); the rest are refused on purpose (docs/dosage-texts.md).</summary>
    private const decimal ReadShareAtLeast = 0.925m;

    /// <summary>The share of the texts with a well-defined daily dose whose dose is read, as measured (383 of 387).</summary>
    private const decimal WellDefinedShareAtLeast = 0.989m;

    private static readonly string CorpusPath = Path.Combine(RepositoryPaths.Root, "tests", "MedEngine.Tests", "TestData", "dosage-corpus.tsv");

    private sealed record Row(int Line, string Text, decimal? DailyDose, string? Unit, decimal? TimesPerDay, bool AsNeeded, string? Max);

    [Fact]
    public void Corpus_HasAtLeast300Texts_EachOnce()
    {
        var rows = ReadCorpus();
        Assert.True(rows.Count >= 300, $"{rows.Count} texts");
        var twice = rows.GroupBy(r => r.Text, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
    }

    [Fact]
    public void Parse_EveryCorpusText_IsReadExactlyAsExpectedOrLeftUnread()
    {
        var rows = ReadCorpus();
        var wrong = new List<string>();
        var unread = new List<Row>();
        foreach (var row in rows)
        {
            var dosage = DosageTextParser.Parse(row.Text);
            if (dosage.NotUnderstood)
            {
                if (dosage.AmountPerDay is not null || dosage.TimesPerDay is not null || dosage.AsNeeded || dosage.MaxTimesPerDay is not null || dosage.MaxAmountPerDay is not null)
                {
                    wrong.Add($"line {row.Line}: '{row.Text}' is not understood but still gives a dose or frequency");
                }

                unread.Add(row);
                continue;
            }

            if (Differences(row, dosage) is { Count: > 0 } differences)
            {
                wrong.Add($"line {row.Line}: '{row.Text}': {string.Join("; ", differences)}");
            }
        }

        var wellDefined = rows.Where(r => r.DailyDose is not null).ToList();
        var wellDefinedUnread = unread.Count(r => r.DailyDose is not null);
        var readShare = (decimal)(rows.Count - unread.Count) / rows.Count;
        var wellDefinedShare = (decimal)(wellDefined.Count - wellDefinedUnread) / wellDefined.Count;
        output.WriteLine($"Read {rows.Count - unread.Count} of {rows.Count} texts ({readShare:P1}); "
            + $"the daily dose of {wellDefined.Count - wellDefinedUnread} of the {wellDefined.Count} with a well-defined one ({wellDefinedShare:P1}).");
        foreach (var row in unread)
        {
            output.WriteLine($"unread, line {row.Line}: {row.Text} -> {DosageTextParser.Parse(row.Text).Problem}");
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(readShare >= ReadShareAtLeast, $"read {readShare:P1}");
        Assert.True(wellDefinedShare >= WellDefinedShareAtLeast, $"well-defined read {wellDefinedShare:P1}");
    }

    private static List<string> Differences(Row row, DosageInterpretation dosage)
    {
        var differences = new List<string>();
        var daily = dosage.AmountPerDay;
        if (row.DailyDose != Rounded(daily?.Value) || (daily is not null && daily.Unit.Symbol != row.Unit))
        {
            differences.Add($"daily dose {(daily is null ? "none" : $"{daily.Value} {daily.Unit.Symbol}")}, expected {row.DailyDose?.ToString(CultureInfo.InvariantCulture) ?? "none"} {row.Unit}");
        }

        if (Rounded(dosage.TimesPerDay) != row.TimesPerDay)
        {
            differences.Add($"times per day {dosage.TimesPerDay?.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected {row.TimesPerDay?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        if (dosage.AsNeeded != row.AsNeeded)
        {
            differences.Add($"as needed {dosage.AsNeeded}, expected {row.AsNeeded}");
        }

        var max = dosage.MaxAmountPerDay is { } amount ? $"{Rounded(amount.Value)!.Value.ToString(CultureInfo.InvariantCulture)} {amount.Unit.Symbol}"
            : dosage.MaxTimesPerDay is { } times ? $"{Rounded(times)!.Value.ToString(CultureInfo.InvariantCulture)}x" : null;
        if (max != row.Max)
        {
            differences.Add($"most per day {max ?? "none"}, expected {row.Max ?? "none"}");
        }

        return differences;
    }

    // Decimal arithmetic gives 1/7 to 28 digits, and 2/7 computed two ways may differ in the last: ten decimals tell every dose apart.
    private static decimal? Rounded(decimal? value) => value is { } v ? decimal.Round(v, 10) : null;

    private static List<Row> ReadCorpus()
    {
        var rows = new List<Row>();
        var lines = File.ReadAllLines(CorpusPath);
        var header = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 6)
            {
                throw new FormatException($"{CorpusPath} line {i + 1}: {fields.Length} tab-separated fields, expected 6: '{line}'.");
            }

            if (header)
            {
                Assert.Equal(["text", "daily_dose", "unit", "times_per_day", "as_needed", "max_per_day"], fields);
                header = false;
                continue;
            }

            rows.Add(new Row(
                i + 1,
                fields[0],
                fields[1] == "not-well-defined" ? null : Value(fields[1], i + 1, "daily_dose"),
                fields[2] == "-" ? null : fields[2],
                fields[3] == "-" ? null : Value(fields[3], i + 1, "times_per_day"),
                fields[4] switch { "yes" => true, "no" => false, _ => throw new FormatException($"{CorpusPath} line {i + 1}, as_needed: '{fields[4]}' is not yes or no.") },
                fields[5] == "-" ? null : MaxCell(fields[5], i + 1)));
        }

        return rows;
    }

    private static string MaxCell(string cell, int line)
    {
        var times = cell.EndsWith('x');
        var parts = times ? [cell[..^1]] : cell.Split(' ');
        if (!times && parts.Length != 2)
        {
            throw new FormatException($"{CorpusPath} line {line}, max_per_day: '{cell}' is neither an amount with its unit nor a count ending in x.");
        }

        var value = Value(parts[0], line, "max_per_day");
        return times ? $"{value.ToString(CultureInfo.InvariantCulture)}x" : $"{value.ToString(CultureInfo.InvariantCulture)} {parts[1]}";
    }

    /// <summary>A number or a fraction ("1/7"), rounded as the parser's values are.</summary>
    private static decimal Value(string text, int line, string column)
    {
        var parts = text.Split('/');
        if (parts.Length is 1 or 2 && parts.All(p => decimal.TryParse(p, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)))
        {
            var value = parts.Select(p => decimal.Parse(p, CultureInfo.InvariantCulture)).Aggregate((a, b) => a / b);
            return decimal.Round(value, 10);
        }

        throw new FormatException($"{CorpusPath} line {line}, {column}: '{text}' is not a number or a fraction.");
    }
}
