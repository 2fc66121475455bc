using System.Globalization;
using System.Net;
using System.Text;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Reconciliation;

namespace MedEngine.Serialization;

/// <summary>
/// One self-contained HTML page (no script, no network) for reviewing a patient's reconciliation side by side: the sources as
/// columns and the therapy lines as rows, each cell the source's entry as written, the entries that disagree highlighted,
/// the discrepancies and findings beside their line, the unresolved entries with their proposals, and, when given, the
/// decisions and what changed since the list was confirmed. Texts in Norwegian (<c>nb</c>) or English (<c>en</c>).
/// </summary>
/// <param name="language"><c>nb</c> (the default) or <c>en</c>.</param>
public sealed class ReviewPageWriter(string language = "nb") : IEvaluationWriter
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;vertical-align:top;text-align:left}
        thead th{background:#eef2f6;position:sticky;top:0}
        .entry{margin-bottom:.3rem}.entry small,.source small{color:#555}
        .differs{background:#fff1c2;outline:2px solid #e0a800}
        .inactive{color:#777;text-decoration:line-through}
        .absent{color:#aaa;text-align:center}
        .reopened{background:#ffe3e3}
        .severity-contraindicated{color:#a00000;font-weight:bold}.severity-avoid{color:#c24000;font-weight:bold}.severity-caution{color:#8a6d00}
        ul{margin:0;padding-left:1.1rem}
        """;

    private readonly bool _english = language switch
    {
        "en" => true,
        "nb" => false,
        _ => throw new ArgumentException($"Language '{language}': expected nb or en.", nameof(language)),
    };

    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public string MediaType => "text/html";

    /// <inheritdoc />
    public Task WriteAsync(PatientEvaluation evaluation, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.WriteAsync(Write(evaluation).AsMemory(), cancellationToken);
    }

    /// <summary>The page for an evaluation, with the decisions and the changes since confirmation when a confirmed list is given.</summary>
    /// <param name="evaluation">The reconciled list and its findings.</param>
    /// <param name="confirmed">The confirmed list, if the patient has decisions.</param>
    /// <returns>The HTML.</returns>
    public string Write(PatientEvaluation evaluation, ConfirmedList? confirmed = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var (list, findings) = evaluation;
        var number = list.Lines.Select((l, i) => (l.Id, i + 1)).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{(_english ? "en" : "nb")}\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{T("Legemiddelsamstemming", "Medication reconciliation")}</title><style>{Style}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{T("Legemiddelsamstemming", "Medication reconciliation")}</h1>");
        var bySeverity = findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {Severities.ToName(g.Key)}");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{list.Lines.Count} {T("linjer", "lines")}, {list.Unresolved.Count} {T("ikke gjenkjent", "unresolved")}, {list.EntryCount} {T("oppføringer fra", "entries from")} {list.Sources.Count} {T("kilder", "sources")}; {T("funn", "findings")}: {(findings.Count == 0 ? "0" : string.Join(", ", bySeverity))}.</p>");
        if (findings.FirstOrDefault() is { } worst)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"worst\">{T("Mest alvorlig", "Most severe")}: {FindingText(worst, number)}</p>");
        }

        html.Append("<table id=\"lines\"><thead><tr><th>#</th><th>").Append(T("Legemiddel", "Medication")).Append("</th>");
        foreach (var source in list.Sources)
        {
            var confirmedAt = source.LastConfirmed is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : T("aldri bekreftet", "never confirmed");
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"source\" data-source=\"{E(source.Id)}\">{E(source.Id)}<br><small>{SourceKinds.ToName(source.Kind)} · {confirmedAt}</small></th>");
        }

        html.Append("<th>").Append(T("Forslag", "Proposal")).Append("</th><th>").Append(T("Avvik og funn", "Discrepancies and findings")).Append("</th></tr></thead><tbody>");
        foreach (var line in list.Lines)
        {
            var decision = confirmed?.Lines.FirstOrDefault(l => l.Line.Id == line.Id);
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"line{(decision?.Contradiction is not null ? " reopened" : "")}\" data-line=\"{E(line.Id)}\"><td>{number[line.Id]}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(" + ", line.Substances.Select(s => _english ? s.NameEn : s.NameNb)))}<br><small>{E(line.Id)}</small></td>");
            foreach (var source in list.Sources)
            {
                var entries = line.Entries.Where(e => e.Source.Id == source.Id).ToList();
                html.Append(CultureInfo.InvariantCulture, $"<td data-source=\"{E(source.Id)}\"{(entries.Count == 0 ? " class=\"absent\"" : "")}>");
                if (entries.Count == 0)
                {
                    html.Append('—');
                }

                foreach (var entry in entries)
                {
                    AppendEntry(html, entry, Differs(entry, line));
                }

                html.Append("</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td class=\"proposed\">{EntryStatuses.ToName(line.Proposed.Status)}: {E(line.Proposed.From.Entry.Name ?? line.Proposed.From.Entry.EntryId)} {E(line.Proposed.From.Entry.DosageText ?? "")}<br><small>{E(line.Proposed.Reason)}</small></td><td class=\"notes\"><ul>");
            foreach (var discrepancy in line.Discrepancies)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"discrepancy\" data-code=\"{discrepancy.Code}\">{discrepancy.Code} {DiscrepancyKinds.ToName(discrepancy.Kind)}: {E(discrepancy.Detail)}</li>");
            }

            foreach (var finding in findings.Where(f => f.LineIds.Contains(line.Id)))
            {
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"finding\" data-rule=\"{E(finding.RuleId)}\">{FindingText(finding, number)}</li>");
            }

            html.Append("</ul></td></tr>");
        }

        html.Append("</tbody></table>");
        AppendUnresolved(html, list);
        AppendSuggestions(html, findings, number);
        if (confirmed is not null)
        {
            AppendConfirmed(html, confirmed, number);
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>
    /// Whether a discrepancy of the line names the entry for what it says: for a dose or frequency discrepancy, only when its dose
    /// or frequency is not the proposal's; for any other, always.
    /// </summary>
    private static bool Differs(NormalizedEntry entry, ReconciledLine line)
    {
        var proposed = line.Proposed.From;
        return line.Discrepancies.Where(d => d.Entries.Contains(new EntryReference(entry.Source.Id, entry.Entry.EntryId))).Any(d => d.Kind switch
        {
            DiscrepancyKind.Dose => entry.DailyDose?.ToString() != proposed.DailyDose?.ToString(),
            DiscrepancyKind.Frequency => entry.Dosage.TimesPerDay != proposed.Dosage.TimesPerDay || entry.Dosage.AsNeeded != proposed.Dosage.AsNeeded,
            _ => true,
        });
    }

    private void AppendEntry(StringBuilder html, NormalizedEntry entry, bool differs)
    {
        var inactive = entry.Entry.Status is not (EntryStatus.Active or EntryStatus.Unknown) && entry.Source.Kind != SourceKind.Dispensing;
        var classes = "entry" + (differs ? " differs" : "") + (inactive ? " inactive" : "");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"{classes}\" data-entry=\"{E(entry.Entry.EntryId)}\">{E(entry.Entry.Name ?? entry.Entry.EntryId)}");
        if (entry.Entry.DosageText is { } dosage)
        {
            html.Append("<br>").Append(E(dosage));
        }

        html.Append(CultureInfo.InvariantCulture, $"<br><small>{EntryStatuses.ToName(entry.Entry.Status)}{(entry.DailyDose is { } dose ? $" · {dose} {T("per døgn", "a day")}" : "")}</small></div>");
    }

    private void AppendUnresolved(StringBuilder html, ReconciliationResult list)
    {
        if (list.Unresolved.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"unresolved\"><h2>").Append(T("Ikke gjenkjent (ikke slått sammen; en person må avgjøre)", "Unresolved (not merged; a person must decide)")).Append("</h2><ul>");
        foreach (var unresolved in list.Unresolved)
        {
            var matches = unresolved.Entry.Resolution.PossibleMatches;
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"entry\" data-source=\"{E(unresolved.Entry.Source.Id)}\" data-entry=\"{E(unresolved.Entry.Entry.EntryId)}\">{E(unresolved.Entry.Source.Id)}: <b>{E(unresolved.Entry.Entry.Name ?? unresolved.Entry.Entry.EntryId)}</b> {E(unresolved.Entry.Entry.DosageText ?? "")} — {E(unresolved.Reason)}");
            if (matches.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $" {T("Mulig treff", "Possible match")}: {E(string.Join(", ", matches.Select(m => $"{m.Name} ({string.Join("+", m.Substances.Select(s => s.Atc))})")))}");
            }

            html.Append("</li>");
        }

        html.Append("</ul></section>");
    }

    private void AppendSuggestions(StringBuilder html, IReadOnlyList<Finding> findings, Dictionary<string, int> number)
    {
        var general = findings.Where(f => f.LineIds.Count == 0).ToList();
        if (general.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"suggestions\"><h2>").Append(T("Forslag for hele listen", "For the whole list")).Append("</h2><ul>");
        foreach (var finding in general)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"finding\" data-rule=\"{E(finding.RuleId)}\">{FindingText(finding, number)}</li>");
        }

        html.Append("</ul></section>");
    }

    private void AppendConfirmed(StringBuilder html, ConfirmedList confirmed, Dictionary<string, int> number)
    {
        html.Append("<section id=\"confirmed\"><h2>").Append(T("Samstemt liste", "Confirmed list")).Append("</h2><p>")
            .Append(ConfirmedListJsonWriter.StatusName(confirmed.Status));
        if (confirmed.Confirmation is { } c)
        {
            html.Append(CultureInfo.InvariantCulture, $"; {T("bekreftet av", "confirmed by")} {E(c.By.Role)} {E(c.By.Id)} {c.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        }

        html.Append("</p><h3>").Append(T("Endret siden bekreftelsen", "Changed since the confirmation")).Append("</h3><ul id=\"since\">");
        string Line(string id) => number.TryGetValue(id, out var n) ? $"{n} ({E(id)})" : E(id);
        foreach (var id in confirmed.Since.New)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-line=\"{E(id)}\">{T("ny", "new")}: {Line(id)}</li>");
        }

        foreach (var id in confirmed.Since.Gone)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-line=\"{E(id)}\">{T("borte", "gone")}: {Line(id)}</li>");
        }

        foreach (var changed in confirmed.Since.Changed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-line=\"{E(changed.LineId)}\">{T("endret", "changed")}: {Line(changed.LineId)}: {E(string.Join(", ", changed.Entries.Concat(changed.Removed).Select(r => $"{r.Source}/{r.EntryId}")))}</li>");
        }

        html.Append("</ul><h3>").Append(T("Åpne linjer", "Open lines")).Append("</h3><ul id=\"open\">");
        foreach (var open in confirmed.Open)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-line=\"{E(open.Line.Id)}\">{Line(open.Line.Id)}{(open.Contradiction is { } why ? ": " + E(why.Detail) : "")}</li>");
        }

        html.Append("</ul></section>");
    }

    private string FindingText(Finding finding, Dictionary<string, int> number)
    {
        var lines = finding.LineIds.Select(id => number.TryGetValue(id, out var n) ? n.ToString(CultureInfo.InvariantCulture) : id);
        return $"<span class=\"severity-{Severities.ToName(finding.Severity)}\">[{Severities.ToName(finding.Severity)}]</span> {E(_english ? finding.Title.En : finding.Title.Nb)}"
            + (finding.LineIds.Count > 0 ? $" <small>({T("linje", "line")} {string.Join(", ", lines)}; {E(finding.RuleId)})</small>" : $" <small>({E(finding.RuleId)})</small>");
    }

    private string T(string nb, string en) => _english ? en : nb;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
