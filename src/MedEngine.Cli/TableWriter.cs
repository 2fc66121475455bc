using System.Globalization;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Spectre.Console;

namespace MedEngine.Cli;

/// <summary>
/// Writes an evaluation for a person to read in a terminal (Spectre.Console): a summary first (lines, unresolved entries,
/// findings by severity, the most severe), then the findings, most severe on top, naming lines by the table's numbers, the
/// lines, what each discrepancy says, the sources and the unresolved entries. Every table fits <paramref name="width"/>
/// columns and wraps inside its cells; severities are coloured only when <paramref name="color"/> is set (a terminal).
/// </summary>
/// <param name="width">The width to fit, in columns.</param>
/// <param name="color">Whether to colour severities (never when the output is redirected).</param>
/// <param name="language"><c>en</c> or <c>nb</c>: the language of every text.</param>
internal sealed class TableWriter(int width = 120, bool color = false, string language = "en") : IEvaluationWriter
{
    private readonly bool _norwegian = language == "nb";

    public string Format => "table";

    public string MediaType => "text/plain";

    /// <summary>The width and colour for an output: the terminal's when it is the console's, else <c>COLUMNS</c> or 120, without colour.</summary>
    public static TableWriter For(TextWriter output, string language)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var columns = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var set) && set >= 40 ? set
            : terminal && Console.WindowWidth >= 40 ? Console.WindowWidth : 120;
        return new TableWriter(columns, terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null, language);
    }

    public Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        Write(console, evaluation.List, evaluation.Findings);
        return Task.CompletedTask;
    }

    private void Write(IAnsiConsole console, ReconciliationResult result, IReadOnlyList<Finding> findings)
    {
        var number = result.Lines.Select((l, i) => (l.Id, i + 1)).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        string Lines(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => number.TryGetValue(id, out var n) ? n.ToString(CultureInfo.InvariantCulture) : id));
        var bySeverity = findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {FindingWords.Severity(g.Key, language)}").ToList();
        console.Write(new Text(T(
            $"Reconciled medication list: {FindingWords.Count(result.Lines.Count, "line", "lines")}, {result.Unresolved.Count} unresolved, {FindingWords.Count(result.EntryCount, "entry", "entries")} from {FindingWords.Count(result.Sources.Count, "source", "sources")}. Findings: {(bySeverity.Count == 0 ? "none" : string.Join(", ", bySeverity))}.",
            $"Samstemt legemiddelliste: {FindingWords.Count(result.Lines.Count, "linje", "linjer")}, {result.Unresolved.Count} ikke gjenkjent, {FindingWords.Count(result.EntryCount, "oppføring", "oppføringer")} fra {FindingWords.Count(result.Sources.Count, "kilde", "kilder")}. Funn: {(bySeverity.Count == 0 ? "ingen" : string.Join(", ", bySeverity))}.") + "\n"));
        if (findings.FirstOrDefault() is { } worst)
        {
            console.Write(new Paragraph().Append(T("Most severe: ", "Mest alvorlig: ")).Append($"[{FindingWords.Severity(worst.Severity, language)}] ", SeverityStyle(worst.Severity))
                .Append(Title(worst) + (worst.LineIds.Count > 0 ? T($" (line {Lines(worst.LineIds)})", $" (linje {Lines(worst.LineIds)})") : "") + "\n"));
        }

        console.WriteLine();
        if (findings.Count > 0)
        {
            var table = Table(T("Severity", "Alvorlighet"), T("Lines", "Linjer"), T("Finding", "Funn"));
            foreach (var finding in findings)
            {
                var what = $"{Title(finding)} ({finding.RuleId})\n{Explanation(finding)}" + (finding.Handling.IsEmpty ? "" : "\n" + T("What to do: ", "Hva gjøres: ") + (_norwegian ? finding.Handling.Nb : finding.Handling.En));
                table.AddRow(new Text(FindingWords.Severity(finding.Severity, language), SeverityStyle(finding.Severity)),
                    new Text(finding.LineIds.Count > 0 ? Lines(finding.LineIds) : finding.Category == FindingCategory.NotChecked ? T("unresolved", "ikke gjenkjent") : T("all", "alle")), new Text(what));
            }

            console.Write(table);
        }

        var lines = Table("#", T("Medication", "Legemiddel"), T("Status", "Status"), T("Proposed (source)", "Forslag (kilde)"), T("Daily dose", "Døgndose"), T("Entries", "Oppføringer"), T("Discrepancies", "Avvik"));
        foreach (var line in result.Lines)
        {
            var from = line.Proposed.From;
            lines.AddRow(
                new Text(number[line.Id].ToString(CultureInfo.InvariantCulture)),
                new Text(string.Join(" + ", line.Substances.Select(s => (_norwegian ? s.NameNb : s.NameEn) + (s.Atc is null ? "" : $" ({s.Atc})")))),
                new Text(EntryStatuses.ToName(line.Proposed.Status)),
                new Text($"{from.Entry.Name} {from.Entry.DosageText} [{from.Source.Id}]"),
                new Text(from.DailyDose?.ToString() + (from.Dosage.AsNeeded ? T(" as needed", " ved behov") : "") is { Length: > 0 } dose ? dose.Trim() : T("unknown", "ukjent")),
                new Text(line.Entries.Count.ToString(CultureInfo.InvariantCulture)),
                new Text(string.Join(", ", line.Discrepancies.Select(d => $"{d.Code} {DiscrepancyKinds.ToName(d.Kind)}"))));
        }

        console.Write(lines);
        var discrepancies = result.Lines.Where(l => l.Discrepancies.Count > 0).ToList();
        if (discrepancies.Count > 0)
        {
            var table = Table("#", T("Discrepancy", "Avvik"));
            foreach (var line in discrepancies)
            {
                table.AddRow(new Text(number[line.Id].ToString(CultureInfo.InvariantCulture)),
                    new Text(string.Join("\n", line.Discrepancies.Select(d => $"{d.Code} {DiscrepancyKinds.ToName(d.Kind)}: {d.Detail}").Prepend(T("Proposed: ", "Forslag: ") + line.Proposed.Reason))));
            }

            console.Write(table);
        }

        var sources = Table(T("Source", "Kilde"), T("Kind", "Type"), T("Confirmed", "Bekreftet"));
        foreach (var source in result.Sources)
        {
            sources.AddRow(new Text(source.Id), new Text(SourceKinds.ToName(source.Kind)),
                new Text((source.LastConfirmed is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : T("never confirmed", "aldri bekreftet")) + (source.ConfirmedBy is { } by ? T(" by ", " av ") + by : "")));
        }

        console.Write(sources);
        if (result.Unresolved.Count > 0)
        {
            var unresolved = Table(T("Unresolved (not merged; a person must decide)", "Ikke gjenkjent (ikke slått sammen; en person må avgjøre)"), T("Why, and possible matches", "Hvorfor, og mulige treff"));
            foreach (var entry in result.Unresolved)
            {
                var matches = entry.Entry.Resolution.PossibleMatches;
                unresolved.AddRow(new Text($"{entry.Entry.Entry.Name} [{entry.Entry.Source.Id} {entry.Entry.Entry.EntryId}]"),
                    new Text(entry.Reason + (matches.Count > 0 ? T(" Possible match: ", " Mulig treff: ") + string.Join(", ", matches.Select(m => m.Name)) + "." : "")));
            }

            console.Write(unresolved);
        }
    }

    private static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple).Expand();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        table.Columns[0].NoWrap();
        return table;
    }

    private Style SeverityStyle(Severity severity) => !color ? Style.Plain : severity switch
    {
        Severity.Contraindicated => new Style(Color.Red, decoration: Decoration.Bold),
        Severity.Avoid => new Style(Color.Yellow, decoration: Decoration.Bold),
        Severity.Caution => new Style(Color.Yellow),
        _ => Style.Plain,
    };

    private string Title(Finding finding) => _norwegian ? finding.Title.Nb : finding.Title.En;

    /// <summary>The English explanation, or in Norwegian the message, the values and the severity changes (rule files give their reasons in English unless they say otherwise).</summary>
    private string Explanation(Finding finding) => !_norwegian ? finding.Explanation : finding.Message.Nb
        + (finding.Values.Count > 0 ? " Verdier: " + string.Join("; ", finding.Values) + "." : "")
        + (finding.Modifiers.Count > 0 ? $" Alvorlighet fra {FindingWords.Severity(finding.BaseSeverity, language)}: {string.Join("; ", finding.Modifiers.Select(m => FindingWords.Change(m, language)))}." : "");

    private string T(string en, string nb) => _norwegian ? nb : en;
}
