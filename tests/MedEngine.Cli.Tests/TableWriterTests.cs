using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Cli.Tests;

/// <summary>The sample patient's table at 80 and 120 columns: it fits, wraps inside cells, starts with the summary and the most severe finding, and names lines by number.</summary>
public sealed class TableWriterTests
{
    private static readonly Lazy<PatientEvaluation> Sample = new(() =>
    {
        var inputs = Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal).Select(p => new SourceListJsonReader().Read(File.ReadAllText(p), p).SinglePatient()).ToList();
        return new MedEngineBuilder().UseRulesDirectory(RepositoryPaths.Rules).Build().Evaluate(inputs.SelectMany(i => i.Lists), Model.PatientContexts.Merge(inputs.Select(i => i.Patient)));
    });

    private static async Task<string[]> WriteAsync(int width, bool color = false, string language = "en")
    {
        using var output = new StringWriter();
        await new TableWriter(width, color, language).WriteAsync(Sample.Value, output);
        return output.ToString().Split('\n');
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task The_table_fits_the_width_and_starts_with_the_summary_and_the_most_severe_finding(int width)
    {
        var lines = await WriteAsync(width);
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= width, $"{l.Length} > {width}: '{l}'"));
        Assert.StartsWith("Reconciled medication list: 14 lines, 1 unresolved, 55 entries from 5 sources.", lines[0], StringComparison.Ordinal);
        var text = string.Join('\n', lines);
        Assert.Contains("Most severe: [contraindicated] Metformin", text, StringComparison.Ordinal);
        var findings = Array.FindIndex(lines, l => l.Contains("Severity", StringComparison.Ordinal));
        var table = Array.FindIndex(lines, l => l.Contains("Medication", StringComparison.Ordinal));
        Assert.InRange(findings, 1, table - 1); // the findings come before the lines
        var worst = lines[findings + 2];
        Assert.Matches(@"^\s+contraindicated\s+2\s+Metformin", worst); // line 2 of the table is metformin
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+2\s+metformin\b"));
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('…', text); // wrapped, never cut
    }

    [Fact]
    public async Task Colours_only_when_asked_and_every_text_in_the_chosen_language()
    {
        Assert.Contains(await WriteAsync(120, color: true), l => l.Contains('\u001b', StringComparison.Ordinal));
        var norwegian = string.Join('\n', await WriteAsync(120, language: "nb"));
        Assert.StartsWith("Samstemt legemiddelliste: 14 linjer", norwegian, StringComparison.Ordinal);
        Assert.Contains("acetylsalisylsyre", norwegian, StringComparison.Ordinal);
        Assert.DoesNotContain("Medication", norwegian, StringComparison.Ordinal);
    }
}
