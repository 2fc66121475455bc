using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Cli.Tests;

/// <summary>
/// <c>medengine coverage</c> over the ONC high-priority list and the ANSM thesaurus in <c>../shared/data/pddi-public</c> (no
/// licence file: read in place, never copied), and the ONC non-interruptive list the other way, with the repository's rules. The figures depend on the knowledge base, so the
/// test holds them consistent and checks pairs whose coverage it knows; the report goes to the test output.
/// </summary>
public sealed partial class CoverageCommandTests(ITestOutputHelper log)
{
    private static readonly string Onc = RepositoryPaths.SharedData("pddi-public", "ONC-High-Priority_ONC_High_Priority_Mapped.csv");
    private static readonly string Ansm = RepositoryPaths.SharedData("pddi-public", "World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv");
    private static readonly string Quiet = RepositoryPaths.SharedData("pddi-public", "ONC-Non-Interuptive_ONC_Non_Interuptive_Mapped.csv");

    [GeneratedRegex(@"^(?<title>.+?): (?<read>\d+) rows read, (?<pairs>\d+) pairs of substances in the knowledge base;.*\n  covered: (?<covered>\d+) of \k<pairs> \(contraindicated (?<ci>\d+), avoid (?<av>\d+), caution (?<ca>\d+), info (?<in>\d+)\)\n  (covered at (?<target>\w+) or above \(the target\)|below (?<target>\w+) \(the target: they should not interrupt\)): (?<met>\d+) of \k<pairs>\n(?<gaps>(  (gap|over-alert): .+\n)*)", RegexOptions.Multiline)]
    private static partial Regex Section();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    [SharedDataFact("pddi-public")]
    public async Task Coverage_OfOncAndAnsm_ByTheRepositoryRules_IsConsistentAndKnowsItsPairs()
    {
        var (code, output, error) = await Run("coverage", "--rules", RepositoryPaths.Rules, "--onc-high", Onc, "--ansm", Ansm, "--onc-non-interruptive", Quiet);
        log.WriteLine(output);
        Assert.True(code == 0, error);
        var sections = Section().Matches(output).ToDictionary(m => m.Groups["title"].Value, StringComparer.Ordinal);
        Assert.Equal(["ONC high-priority pairs (Phansalkar 2012)", "ANSM contraindications (WorldVista translation)", "ONC non-interruptive pairs (Phansalkar 2013)"], sections.Keys);
        foreach (var (title, section) in sections)
        {
            int Number(string group) => int.Parse(section.Groups[group].Value, CultureInfo.InvariantCulture);
            Assert.True(Number("pairs") > 0, title);
            Assert.True(Number("pairs") <= Number("read"), title);
            Assert.Equal(Number("covered"), Number("ci") + Number("av") + Number("ca") + Number("in"));
            var gaps = section.Groups["gaps"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Number("pairs") - Number("met"), gaps.Length);
        }

        Assert.Equal("caution", sections["ONC high-priority pairs (Phansalkar 2012)"].Groups["target"].Value);
        Assert.Equal("avoid", sections["ANSM contraindications (WorldVista translation)"].Groups["target"].Value);
        Assert.All(sections["ONC non-interruptive pairs (Phansalkar 2013)"].Groups["gaps"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Matches(@"^  over-alert: .+: (contraindicated|avoid|caution)$", line));
    }

    [SharedDataFact("pddi-public")]
    public async Task Coverage_WithoutTheRulesThatCoverAPair_NamesItAsAGap()
    {
        var rules = Directory.CreateTempSubdirectory("medengine-coverage-rules-").FullName;
        try
        {
            // Only the simvastatin + strong CYP3A4 inhibitor rule: ONC's simvastatin + clarithromycin is covered, contraindicated;
            // its simvastatin + fluconazole (a table row in the shipped rules) is a gap.
            var file = File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "interactions", "high-priority.yaml")).Split("\n---\n")
                .Single(d => d.Contains("id: MEDENGINE-DDI-0004\n", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(rules, "simvastatin.yaml"), file);
            var (code, output, error) = await Run("coverage", "--rules", rules, "--onc-high", Onc);
            log.WriteLine(output);
            Assert.True(code == 0, error);
            Assert.Contains("  gap: simvastatin (C10AA01) + fluconazole (J02AC01): not covered\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("gap: simvastatin (C10AA01) + clarithromycin", output, StringComparison.Ordinal);
            var section = Section().Match(output);
            Assert.True(int.Parse(section.Groups["ci"].Value, CultureInfo.InvariantCulture) >= 1, output);
            Assert.Equal("0", section.Groups["in"].Value);
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }
}
