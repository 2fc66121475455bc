using System.Reflection;
using MedEngine.Knowledge;
using Xunit;

namespace MedEngine.Import.Tests;

/// <summary><c>medengine import</c>, called through <c>CommandLine.RunAsync</c> (internal to the CLI, so by reflection).</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public async Task Fest_writes_the_folder_and_prints_the_figures()
    {
        var directory = Paths.TempDirectory();

        var (code, output, _) = await RunAsync("fest", Paths.TestData("fest", "m30-2.5.1.xml"), "--out", directory);

        Assert.Equal(0, code);
        Assert.Contains("FEST 2.5.1 2025-11-01", output, StringComparison.Ordinal);
        FileKnowledgeBase.Load(directory);
    }

    [SharedDataFact("pddi-public")]
    public async Task Interactions_take_a_kind_files_and_options()
    {
        var table = Path.Combine(Paths.TempDirectory(), "oscar.tsv");
        var skipped = Path.Combine(Paths.TempDirectory(), "skipped.tsv");

        var (code, output, _) = await RunAsync("interactions", "oscar", RepositoryPaths.SharedData("pddi-public", "OSCAR_drugref2-DDIs-from-OSCAR.csv"), "--out", table, "--skipped", skipped);

        Assert.Equal(0, code);
        Assert.Contains("OSCAR drugref: 3872 read", output, StringComparison.Ordinal);
        Assert.NotEmpty(MedEngine.Rules.InteractionTable.Load(table).Rows);
        Assert.True(File.ReadLines(skipped).Count() > 600);
    }

    [Theory]
    [InlineData("fest")]
    [InlineData("interactions", "unknown-kind", "x.csv", "--out", "t.tsv")]
    [InlineData("names", "x.csv", "--out", "dir")]
    [InlineData("atc", "--out")]
    public async Task Bad_usage_exits_with_2_and_points_to_the_help(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains($"Run 'medengine import {args[0]} --help' for how to use it.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_with_2_and_names_the_file_and_line()
    {
        var file = Path.Combine(Paths.TempDirectory(), "M30.xml");
        await File.WriteAllTextAsync(file, "<FEST xmlns=\"urn:unknown\"/>");

        var (code, _, error) = await RunAsync("fest", file, "--out", Paths.TempDirectory());

        Assert.Equal(2, code);
        Assert.Contains(file + ":1:", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var command = Type.GetType("MedEngine.Cli.CommandLine, MedEngine.Cli", throwOnError: true)!;
        var run = command.GetMethod("RunAsync", BindingFlags.Static | BindingFlags.Public)!;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await (Task<int>)run.Invoke(null, [(string[])["import", .. args], output, error])!;
        return (code, output.ToString(), error.ToString());
    }
}
