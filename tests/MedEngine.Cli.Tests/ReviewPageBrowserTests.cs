using System.Diagnostics;
using System.Text.RegularExpressions;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Cli.Tests;

/// <summary>
/// The review page of <c>reconcile --html</c>, rendered by a real headless Chromium (Debian's, at /usr/bin/chromium; `.ci/run`
/// installs it): the DOM Chromium builds has one row per line, one column per source and every entry, and a screenshot goes to
/// <c>artifacts/review-page.png</c>. Skipped, saying so, where Chromium is not installed.
/// </summary>
public sealed class ReviewPageBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-html-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class ChromiumFactAttribute : FactAttribute
    {
        public ChromiumFactAttribute()
        {
            if (!File.Exists(Chromium))
            {
                Skip = $"needs Chromium at {Chromium} (apt-get install chromium; .ci/run installs it)";
            }
        }
    }

    /// <summary>Runs headless Chromium on the page with the given switch and returns what it printed.</summary>
    private async Task<string> ChromiumAsync(string page, params string[] switches)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(_directory, "profile")}", .. switches, new Uri(page).AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        var errors = chromium.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await chromium.WaitForExitAsync(timeout.Token);
        Assert.True(chromium.ExitCode == 0, $"chromium exited with {chromium.ExitCode}: {await errors}");
        return await output;
    }

    [ChromiumFact]
    public async Task The_review_page_renders_with_a_row_per_line_a_column_per_source_and_every_entry()
    {
        var page = Path.Combine(_directory, "review.html");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["reconcile", "--html", page, .. Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal)], output, error));

        var dom = await ChromiumAsync(page, "--dump-dom");
        var evaluation = new MedEngineBuilder().UseRulesDirectory(RepositoryPaths.Rules).Build().Evaluate(
            Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal).SelectMany(p => new SourceListJsonReader().Read(File.ReadAllText(p), p).SinglePatient().Lists));
        Assert.Equal(evaluation.List.Lines.Count, Regex.Count(dom, "<tr class=\"line"));
        Assert.Equal(evaluation.List.Sources.Count, Regex.Count(dom, "<th class=\"source\""));
        Assert.Equal(evaluation.List.EntryCount, Regex.Count(dom, "data-entry=\""));
        Assert.All(evaluation.List.Lines, l => Assert.Contains($"data-line=\"{l.Id}\"", dom, StringComparison.Ordinal));
        Assert.Contains("class=\"entry differs", dom, StringComparison.Ordinal);
        Assert.Contains("<section id=\"unresolved\">", dom, StringComparison.Ordinal);

        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "review-page.png");
        File.Delete(screenshot);
        await ChromiumAsync(page, $"--screenshot={screenshot}", "--window-size=1600,1400", "--hide-scrollbars");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot should hold the rendered page");
    }
}
