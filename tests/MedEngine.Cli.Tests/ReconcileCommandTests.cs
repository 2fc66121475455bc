using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace MedEngine.Cli.Tests;

public sealed class ReconcileCommandTests : IDisposable
{
    private static readonly string Samples = RepositoryPaths.Samples;
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] SampleFiles() => Directory.GetFiles(Samples, "*.json").Order(StringComparer.Ordinal).ToArray();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Reconcile_SamplePatient_PrintsTheTable()
    {
        var (code, output, error) = await Run(["reconcile", .. SampleFiles()]);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Reconciled medication list: 14 lines, 1 unresolved, 55 entries from 5 sources.", output, StringComparison.Ordinal);
        Assert.Contains("MR007 status", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_Json_HasTheDocumentedShape()
    {
        var (code, output, _) = await Run(["reconcile", "--json", .. SampleFiles()]);
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var line = root.GetProperty("lines")[0];
        foreach (var field in new[] { "id", "substances", "status", "proposed", "entries", "discrepancies" })
        {
            Assert.True(line.TryGetProperty(field, out _), field);
        }

        Assert.Equal(JsonValueKind.Array, root.GetProperty("unresolved").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("findings").ValueKind);
        Assert.Equal("Metforrmin", root.GetProperty("unresolved")[0].GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("unresolved")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Reconcile_Json_HasFindingsForTheSamplePatient()
    {
        var (code, output, _) = await Run(["reconcile", "--json", "--rules", RepositoryPaths.Rules, .. SampleFiles()]);
        Assert.Equal(0, code);
        var findings = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("ruleId").GetString()));
            Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "info", "caution", "avoid", "contraindicated" });
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("title").GetProperty("en").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("explanation").GetString()));
        }

        var metformin = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "drug-lab" && f.GetProperty("lines")[0].GetString() == "A10BA02");
        Assert.Contains("egfr 28", metformin.GetProperty("values")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_Setting_HomeCareGetsNoNursingHomeCriteria()
    {
        static async Task<List<string>> RuleIds(string setting)
        {
            var (code, output, error) = await Run(["reconcile", "--json", "--setting", setting, "--rules", RepositoryPaths.Rules, .. SampleFiles()]);
            Assert.True(code == 0, error);
            return JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).ToList();
        }

        // The sample patient (88, donepezil for almost two years) meets NORGEP-NH 28 (dementia drug over a year) and no NORGEP criterion.
        var homeCare = await RuleIds("home-care");
        var nursingHome = await RuleIds("nursing-home");
        Assert.DoesNotContain(homeCare, id => id.StartsWith("NORGEP-NH-", StringComparison.Ordinal));
        Assert.Contains("NORGEP-NH-28", nursingHome);
        Assert.Equal(homeCare.Order(StringComparer.Ordinal), nursingHome.Where(id => !id.StartsWith("NORGEP-NH-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        var (bad, _, message) = await Run(["reconcile", "--setting", "sykehjem", .. SampleFiles()]);
        Assert.Equal(2, bad);
        Assert.Contains("sykehjem", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_NoRules_HasNoFindings()
    {
        var (code, output, _) = await Run(["reconcile", "--json", "--no-rules", .. SampleFiles()]);
        Assert.Equal(0, code);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Rules_CheckAndTest_OnTheShippedRules_Pass()
    {
        var rules = RepositoryPaths.Rules;
        var (check, checkOutput, _) = await Run("rules", "check", rules);
        Assert.Equal(0, check);
        Assert.Contains("no errors", checkOutput, StringComparison.Ordinal);
        var (test, testOutput, _) = await Run("rules", "test", rules);
        Assert.Equal(0, test);
        Assert.Matches(@"\d+ passed, 0 failed", testOutput);
    }

    [Fact]
    public async Task Rules_Test_OneFileOrOneRule()
    {
        var (code, output, _) = await Run("rules", "test", RepositoryPaths.Rules, "--file", "anticoagulants.yaml", "--rule", "MEDENGINE-DDI-0015");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], l => Assert.Contains("MEDENGINE-DDI-0015", l, StringComparison.Ordinal));
        Assert.Equal($"{lines.Length - 1} passed, 0 failed", lines[^1].Trim());
        var (file, fileOutput, _) = await Run("rules", "test", RepositoryPaths.Rules, "--file", "anticoagulants.yaml");
        Assert.Equal(0, file);
        Assert.All(fileOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[..^1], l => Assert.Contains("(anticoagulants.yaml:", l, StringComparison.Ordinal));
        var (none, _, error) = await Run("rules", "test", RepositoryPaths.Rules, "--rule", "NO-SUCH-RULE");
        Assert.Equal(2, none);
        Assert.Contains("No rule 'NO-SUCH-RULE'", error, StringComparison.Ordinal);
        Assert.Equal(2, (await Run("rules", "test", RepositoryPaths.Rules, "--rule", "A", "--rule", "B")).Code); // repeated: refused
    }

    [Fact]
    public async Task Rules_Check_BrokenFolder_PrintsEveryErrorAndExitsOne()
    {
        Write("broken.yaml", "id: X\nversion: 1\nkind: nonsense\nseverity: avoid\n");
        var (code, _, error) = await Run("rules", "check", _directory);
        Assert.Equal(1, code);
        Assert.Contains("broken.yaml:3:7", error, StringComparison.Ordinal);
        Assert.Contains("error(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_Check_AFolderThatIsNotThere_IsBadUsage_ExitTwo()
    {
        var (code, _, error) = await Run("rules", "check", Path.Combine(_directory, "no-such-folder"));
        Assert.Equal(2, code);
        Assert.Contains("No rules folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_Check_AFileNestedTooDeep_IsARuleError_ExitOne()
    {
        Write("deep.yaml", "id: X\ntags: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var (code, _, error) = await Run("rules", "check", _directory);
        Assert.Equal(1, code);
        Assert.Contains("IN309", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OverTheSyntheaPatients_CountsFindingsPerRuleAndUnresolvedEntries()
    {
        var synthea = RepositoryPaths.OpenData("synthea-10-patients");
        var (code, output, error) = await Run("report", "--rules", RepositoryPaths.Rules, synthea);
        Assert.True(code == 0, error);
        Assert.Matches(@"^13 patients, 1745 entries, 1745 resolved \(100\.0 %\), 0 unresolved\.", output);
        Assert.Contains("Findings per rule", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  [A-Z0-9-]+ +\d+ +\d+\n", output);
    }

    [Fact]
    public async Task Report_OverTheSamplePatient_GivesTheAlertBurdenBySeverityAndUnderTheDefaultFilter()
    {
        var (code, output, error) = await Run("report", "--rules", RepositoryPaths.Rules, Samples);
        Assert.True(code == 0, error);
        var severities = Regex.Matches(output, @"^  (contraindicated|avoid|caution|info) +(\d+) +(\d+\.\d\d) +([01])\r?$", RegexOptions.Multiline);
        Assert.Equal(["contraindicated", "avoid", "caution", "info"], severities.Select(m => m.Groups[1].Value));
        var counts = severities.ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(counts["avoid"] >= 1, output); // warfarin + acetylsalicylic acid at least
        var interrupting = counts["contraindicated"] + counts["avoid"] + counts["caution"];
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Interrupting under the default filter (caution and above): {interrupting} findings, {interrupting:0.00} per patient, 1 of 1 patients."), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_InHomeCare_LeavesOutTheNursingHomeCriteria()
    {
        var (code, everywhere, error) = await Run("report", "--rules", RepositoryPaths.Rules, Samples);
        Assert.True(code == 0, error);
        var (homeCode, homeCare, homeError) = await Run("report", "--rules", RepositoryPaths.Rules, "--setting", "home-care", Samples);
        Assert.True(homeCode == 0, homeError);
        Assert.Matches(@"\n  NORGEP-NH-\d+ ", everywhere);
        Assert.DoesNotMatch(@"\n  NORGEP-NH-\d+ ", homeCare);
        Assert.Contains("\n  MEDENGINE-DDI-0032 ", homeCare, StringComparison.Ordinal); // warfarin + acetylsalicylic acid in every setting
        var (bad, _, _) = await Run("report", "--setting", "ward", Samples);
        Assert.Equal(2, bad);
    }

    [Fact]
    public async Task Reconcile_KindPrefix_OverridesTheFileKind()
    {
        var file = Write("liste.json", """{ "source": { "id": "x", "kind": "patient" }, "entries": [ { "id": "1", "name": "Marevan", "status": "active" } ] }""");
        var (code, output, _) = await Run("reconcile", "--json", "hospital=" + file);
        Assert.Equal(0, code);
        Assert.Equal("hospital", JsonDocument.Parse(output).RootElement.GetProperty("sources")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Reconcile_Fhir_PrintsABundle()
    {
        var (code, output, _) = await Run(["reconcile", "--fhir", "--rules", RepositoryPaths.Rules, .. SampleFiles()]);
        Assert.Equal(0, code);
        var bundle = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        var issues = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"))
            .Where(r => r.GetProperty("resourceType").GetString() == "DetectedIssue").ToList();
        Assert.Contains(issues, i => i.GetRawText().Contains("MEDENGINE-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"source\": { \"id\": \"x\" }, \"entries\": [ { \"id\": \"1\", \"name\": ", "bad.json")]
    [InlineData("{ \"source\": { \"id\": \"x\" }, \"entries\": [ { \"id\": \"1\", \"name\": \"Marevan\", \"dose\": \"2 bananas\" } ] }", "dose")]
    [InlineData("{ \"resourceType\": \"Banana\" }", "Banana")]
    public async Task Reconcile_BadFile_ExitsTwoNamingFileAndProblem(string content, string mentioned)
    {
        var file = Write("bad.json", content);
        var (code, _, error) = await Run("reconcile", file);
        Assert.Equal(2, code);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Required argument 'ARG' missing", "reconcile")]
    [InlineData("Unknown option '--bogus'", "reconcile", "--bogus", "x.json")]
    [InlineData("Unknown source kind 'doctor'", "reconcile", "doctor=x.json")]
    [InlineData("File not found: '/no/such/file.json'", "reconcile", "/no/such/file.json")]
    [InlineData("'frobnicate'", "frobnicate")]
    [InlineData("Option '--rules' expects a single argument but 2 were provided", "reconcile", "--rules", "a", "--rules", "b", "x.json")]
    [InlineData("Give one of --json, --fhir, not --json and --fhir", "reconcile", "--json", "--fhir", "x.json")]
    [InlineData("Argument 'fr' not recognized. Must be one of", "reconcile", "--lang", "fr", "x.json")]
    [InlineData("--at is a sequence number, 1 or more", "replay", "--patient", "p", "--at", "0")]
    [InlineData("--silo-port must be a port number from 1 to 65535", "serve", "--silo-port", "70000")]
    [InlineData("Option '--patient' is required", "confirmed")]
    [InlineData("Give --onc-high FILE, --ansm FILE, --onc-non-interruptive FILE or several.", "coverage")]
    [InlineData("No such file: '/no/such/onc.csv'", "coverage", "--onc-high", "/no/such/onc.csv")]
    public async Task BadUsage_ExitsTwo_NamingTheProblem_AndPointsToHelp(string problem, params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.StartsWith("medengine: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_points_to_the_commands_help() =>
        Assert.EndsWith("Run 'medengine rules test --help' for how to use it.", (await Run("rules", "test", "--rule")).Error.TrimEnd(), StringComparison.Ordinal);

    [Theory]
    [InlineData("reconcile")]
    [InlineData("rules", "check")]
    [InlineData("rules", "test")]
    [InlineData("import", "interactions")]
    [InlineData("report")]
    [InlineData("coverage")]
    [InlineData("serve")]
    [InlineData("replay")]
    [InlineData("put")]
    [InlineData("decide")]
    [InlineData("confirmed")]
    public async Task Every_command_has_help_and_version(params string[] command)
    {
        var (help, helpOutput, _) = await Run([.. command, "--help"]);
        Assert.Equal(0, help);
        Assert.Matches($@"Usage:\s+\S+ {string.Join(' ', command)}\b", helpOutput); // the executable's name, then the command
        Assert.Contains("--version", helpOutput, StringComparison.Ordinal);
        var (version, versionOutput, _) = await Run([.. command, "--version"]);
        Assert.Equal(0, version);
        Assert.Matches(@"^\d+\.\d+\.\d+", versionOutput);
    }

    [Fact]
    public async Task Reconcile_SameSourceTwice_ExitsTwo()
    {
        var file = Write("a.json", """{ "source": { "id": "x" }, "entries": [] }""");
        var (code, _, error) = await Run("reconcile", file, file);
        Assert.Equal(2, code);
        Assert.Contains("'x'", error, StringComparison.Ordinal);
    }
}
