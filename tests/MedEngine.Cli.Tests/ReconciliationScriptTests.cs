using System.Text.RegularExpressions;
using Xunit;

namespace MedEngine.Cli.Tests;

/// <summary>The README's step-by-step reconciliation, run line by line as written (with <c>$store</c> a fresh file).</summary>
public sealed partial class ReconciliationScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-script-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex("""
        "([^"]*)"|(\S+)
        """)]
    private static partial Regex Word();

    /// <summary>The <c>medengine</c> lines of the README's "step by step" block, split as a shell would (quotes, <c>$store</c>, globs).</summary>
    private IEnumerable<string[]> Script()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = readme[readme.IndexOf("## Reconciling a patient, step by step", StringComparison.Ordinal)..];
        block = block[(block.IndexOf("```sh", StringComparison.Ordinal) + 5)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        foreach (var line in block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("medengine ", StringComparison.Ordinal)))
        {
            yield return Word().Matches(line["medengine ".Length..]).SelectMany(m => m.Groups[1].Success ? [m.Groups[1].Value] : Expand(m.Groups[2].Value)).ToArray();
        }
    }

    private IEnumerable<string> Expand(string word)
    {
        word = word.Replace("$store", Path.Combine(_directory, "events.db"), StringComparison.Ordinal);
        if (!word.Contains('*', StringComparison.Ordinal))
        {
            return [Path.IsPathRooted(word) || !File.Exists(Path.Combine(RepositoryPaths.Root, word)) ? word : Path.Combine(RepositoryPaths.Root, word)];
        }

        var folder = Path.Combine(RepositoryPaths.Root, Path.GetDirectoryName(word)!);
        return Directory.GetFiles(folder, Path.GetFileName(word)).Order(StringComparer.Ordinal);
    }

    [Fact]
    public async Task The_README_script_decides_confirms_and_reopens_exactly_the_contradicted_line()
    {
        var commands = Script().ToList();
        Assert.Equal(7, commands.Count);
        string last = "";
        foreach (var args in commands)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.True(await CommandLine.RunAsync(args, output, error) == 0, $"medengine {string.Join(' ', args)}: {error}");
            last = output.ToString();
        }

        Assert.Contains(": stale; confirmed by lege 9144889", last, StringComparison.Ordinal);
        Assert.Contains("1 of 14 line(s) open", last, StringComparison.Ordinal);
        Assert.DoesNotContain("MR011", last, StringComparison.Ordinal); // the misspelt metformin is on its line
        var reopened = Assert.Single(last.Split('\n'), l => l.Contains("REOPENED", StringComparison.Ordinal));
        Assert.StartsWith("M01AE01 ", reopened, StringComparison.Ordinal);
        Assert.Contains("kjernejournal-utleveringer/d-12 says dispensed", reopened, StringComparison.Ordinal);
        Assert.Matches(@"changed  M01AE01: kjernejournal-utleveringer/d-12 \(event \d+\)", last);

        // The review page shows the decisions, the re-opened line and what changed since, beside the sources.
        var page = Path.Combine(_directory, "review.html");
        var confirmed = commands[^1];
        Assert.Equal(0, await CommandLine.RunAsync([.. confirmed, "--html", page], TextWriter.Null, TextWriter.Null));
        var html = await File.ReadAllTextAsync(page);
        Assert.Contains("<tr class=\"line reopened\" data-line=\"M01AE01\">", html, StringComparison.Ordinal);
        Assert.Matches("<ul id=\"since\"><li data-line=\"M01AE01\">[^<]*M01AE01[^<]*kjernejournal-utleveringer/d-12</li></ul>", html);
        Assert.Matches("<ul id=\"open\"><li data-line=\"M01AE01\">", html);
    }
}
