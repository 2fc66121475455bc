using System.Globalization;
using System.Text;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Findings;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>Writes an evaluation as a plain-text table for a person to read: the sources, the lines, the unresolved entries and the findings.</summary>
internal sealed class TableWriter : IEvaluationWriter
{
    public string Format => "table";

    public string MediaType => "text/plain";

    public Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default) =>
        output.WriteAsync(Write(evaluation.List, evaluation.Findings).AsMemory(), cancellationToken);

    private static string Write(ReconciliationResult result, IReadOnlyList<Finding> findings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reconciled medication list: {result.Lines.Count} lines, {result.Unresolved.Count} unresolved, {result.EntryCount} entries from {result.Sources.Count} sources.");
        text.AppendLine();
        text.AppendLine("Sources:");
        foreach (var source in result.Sources)
        {
            var confirmed = source.LastConfirmed is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never confirmed";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {source.Id,-28} {SourceKinds.ToName(source.Kind),-14} {confirmed}{(source.ConfirmedBy is { } by ? " by " + by : "")}");
        }

        text.AppendLine();
        var rows = result.Lines.Select((line, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            string.Join(" + ", line.Substances.Select(s => s.NameNb + (s.Atc is null ? "" : $" ({s.Atc})"))),
            EntryStatuses.ToName(line.Proposed.Status),
            $"{line.Proposed.From.Entry.Name} [{line.Proposed.From.Source.Id}]",
            line.Proposed.From.DailyDose?.ToString() + (line.Proposed.From.Dosage.AsNeeded ? "as needed" : "") is { Length: > 0 } dose ? dose : "unknown",
            line.Entries.Count.ToString(CultureInfo.InvariantCulture),
            string.Join(", ", line.Discrepancies.Select(d => DiscrepancyKinds.ToName(d.Kind)).Distinct()),
        }).ToList();
        AppendTable(text, ["#", "Substance", "Status", "Proposed (source)", "Daily dose", "Entries", "Discrepancies"], rows);

        foreach (var line in result.Lines.Where(l => l.Discrepancies.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{line.Id}: {string.Join(" + ", line.Substances.Select(s => s.NameNb))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  proposed: {line.Proposed.Reason}");
            foreach (var discrepancy in line.Discrepancies)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {discrepancy.Code} {DiscrepancyKinds.ToName(discrepancy.Kind)}: {discrepancy.Detail}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Findings ({findings.Count}):");
        foreach (var finding in findings)
        {
            var about = finding.LineIds.Count > 0 ? string.Join(", ", finding.LineIds) : "suggestion";
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{Severities.ToName(finding.Severity)}] {finding.RuleId} {finding.Title.En} ({about})");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {finding.Explanation}");
            if (!finding.Handling.IsEmpty)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      What to do: {finding.Handling.En}");
            }
        }

        if (result.Unresolved.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Unresolved (not merged; a person must decide):");
            foreach (var unresolved in result.Unresolved)
            {
                var matches = unresolved.Entry.Resolution.PossibleMatches;
                var proposal = matches.Count > 0 ? $" Possible match: {string.Join(", ", matches.Select(m => m.Name))}." : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"  {unresolved.Entry.Source.Id} {unresolved.Entry.Entry.EntryId} '{unresolved.Entry.Entry.Name}': {unresolved.Reason}{proposal}");
            }
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Min(48, rows.Select(r => r[i].Length).Append(h.Length).Max())).ToArray();
        void Row(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => Fit(c, widths[i]).PadRight(widths[i]))).TrimEnd());
        Row(header);
        Row(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Row);
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
