using System.Text.Json;
using Xunit;

namespace MedEngine.Cli.Tests;

public sealed class ReconcileCommandTests : IDisposable
{
    private static readonly string Samples = Path.Combine(FindRoot(), "data", "samples");
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "MedEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

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
        Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
        Assert.Equal("Metforrmin", root.GetProperty("unresolved")[0].GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("unresolved")[0].GetProperty("reason").GetString()));
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
        var (code, output, _) = await Run(["reconcile", "--fhir", .. SampleFiles()]);
        Assert.Equal(0, code);
        Assert.Equal("Bundle", JsonDocument.Parse(output).RootElement.GetProperty("resourceType").GetString());
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
    [InlineData("reconcile")]
    [InlineData("reconcile", "--bogus", "x.json")]
    [InlineData("reconcile", "doctor=x.json")]
    [InlineData("reconcile", "/no/such/file.json")]
    [InlineData("frobnicate")]
    public async Task BadUsage_ExitsTwoWithUsage(params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
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
