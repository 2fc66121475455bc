using System.Globalization;
using System.Text;
using MedEngine.CdsHooks.Fhir;
using MedEngine.CdsHooks.Protocol;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Findings;

namespace MedEngine.CdsHooks.Cards;

/// <summary>
/// Builds CDS Hooks cards from findings. Indicator: severity at or above <see cref="CdsHooksOptions.CriticalThreshold"/>
/// (default contraindicated) → <c>critical</c>; other severities from caution up → <c>warning</c>; info → <c>info</c>.
/// </summary>
internal sealed class CardBuilder(CdsHooksOptions options)
{
    private readonly string _language = options.Language;
    private readonly CardTexts _texts = CardTexts.For(options.Language);

    public string Indicator(Severity severity) =>
        severity >= options.CriticalThreshold ? "critical" : severity >= Severity.Caution ? "warning" : "info";

    public Card ForFinding(Finding finding, ReconciliationResult list, IReadOnlyDictionary<string, DraftOrder> drafts, bool orderHook)
    {
        var drugs = DrugNames(finding, list);
        var summary = Summary(CardTexts.Text(finding.Title, _language), drugs);
        var suggestions = new List<Suggestion>();
        if (orderHook)
        {
            foreach (var entry in finding.Entries.Where(e => e.Source == PatientDataReader.DraftSourceId))
            {
                if (drafts.TryGetValue(entry.EntryId, out var draft) && draft.Reference is { } reference && suggestions.All(s => s.Actions[0].ResourceId![0] != reference))
                {
                    var label = string.Format(CultureInfo.InvariantCulture, _texts.RemoveOrder, entry.Name ?? reference);
                    suggestions.Add(new Suggestion(Clip(label, 139), Guid.NewGuid().ToString(), finding.Severity >= Severity.Avoid, [new CardAction("delete", label, [reference])]));
                }
            }
        }

        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = summary,
            Detail = Detail(finding),
            Indicator = Indicator(finding.Severity),
            Source = new CardSource(options.SourceLabel, options.SourceUrl?.ToString(), new CdsCoding(MedEngine.Fhir.FhirSystems.Rule, finding.RuleId, CardTexts.Text(finding.Title, _language))),
            Suggestions = suggestions.Count == 0 ? null : suggestions,
            SelectionBehavior = suggestions.Count == 0 ? null : "at-most-one",
            OverrideReasons = CardTexts.OverrideReasons(_language),
        };
    }

    public Card ReconciliationSummary(ReconciliationResult list, int findingCount)
    {
        var discrepancies = list.Lines.Sum(l => l.Discrepancies.Count);
        var summary = Clip($"{_texts.Reconciliation}: {FindingWords.Count(list.Lines.Count, _texts.Medication, _texts.Medications)}, "
            + $"{FindingWords.Count(list.Sources.Count, _texts.Source, _texts.Sources)}, {FindingWords.Count(discrepancies, _texts.Discrepancy, _texts.Discrepancies)}"
            + (list.Unresolved.Count > 0 ? $", {list.Unresolved.Count} {_texts.Unresolved.ToLowerInvariant()}" : "")
            + (findingCount > 0 ? $", {FindingWords.Count(findingCount, _texts.SeeFinding, _texts.SeeFindings)}" : ""), 139);
        var detail = new StringBuilder();
        detail.Append("| ").Append(_texts.Line).Append(" | ").Append(_texts.Status).Append(" | ").Append(_texts.Sources).Append(" | ").Append(_texts.Discrepancies).AppendLine(" |");
        detail.AppendLine("|---|---|---|---|");
        foreach (var line in list.Lines)
        {
            detail.Append("| ").Append(Escape(Names(line))).Append(" | ").Append(CardTexts.StatusName(EntryStatuses.ToName(line.Proposed.Status), _language)).Append(" | ")
                .Append(Escape(string.Join(", ", line.Entries.Select(e => $"{SourceKinds.ToName(e.Source.Kind)} ({e.Source.Id})").Distinct()))).Append(" | ")
                .Append(Escape(string.Join("; ", line.Discrepancies.Select(d => $"{d.Code}: {d.Detail}")))).AppendLine(" |");
        }

        if (discrepancies == 0 && list.Lines.Count > 0)
        {
            detail.AppendLine().AppendLine(_texts.NoDiscrepancies);
        }

        if (list.Unresolved.Count > 0)
        {
            detail.AppendLine().Append("**").Append(_texts.Unresolved).AppendLine("**").AppendLine();
            foreach (var u in list.Unresolved)
            {
                detail.Append("- ").Append(Escape(u.Entry.Entry.Name ?? u.Entry.Entry.EntryId)).Append(" (").Append(Escape(u.Entry.Source.Id)).Append("): ").AppendLine(Escape(u.Reason));
            }
        }

        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = summary,
            Detail = detail.ToString(),
            Indicator = "info",
            Source = new CardSource(options.SourceLabel, options.SourceUrl?.ToString(), new CdsCoding(MedEngine.Fhir.FhirSystems.Rule, "medengine-reconciliation", _texts.Reconciliation)),
        };
    }

    /// <summary>
    /// One card that names every drafted or listed medication no rule could evaluate (the not-checked findings), whatever the
    /// filter: silence must never read as "checked and safe".
    /// </summary>
    public Card NotChecked(IReadOnlyList<Finding> notChecked, ReconciliationResult list)
    {
        var names = notChecked.Select(f => DrugNames(f, list)).Distinct(StringComparer.Ordinal).ToList();
        var detail = new StringBuilder().AppendLine(_texts.NotCheckedDetail).AppendLine();
        foreach (var finding in notChecked)
        {
            detail.Append("- **").Append(Escape(DrugNames(finding, list))).Append("**: ").AppendLine(Escape(CardTexts.Text(finding.Message, _language)));
        }

        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = Summary(_texts.NotChecked, string.Join(", ", names)),
            Detail = detail.ToString(),
            Indicator = "info",
            Source = new CardSource(options.SourceLabel, options.SourceUrl?.ToString(), new CdsCoding(MedEngine.Fhir.FhirSystems.Rule, notChecked[0].RuleId, _texts.NotChecked)),
        };
    }

    private string Detail(Finding finding)
    {
        var text = new StringBuilder();
        text.Append("**").Append(Escape(CardTexts.Text(finding.Title, _language))).AppendLine("**").AppendLine();
        text.AppendLine(Escape(CardTexts.Text(finding.Message, _language))).AppendLine();
        text.Append("**").Append(_texts.Severity).Append(":** ").Append(FindingWords.Severity(finding.Severity, _language));
        if (finding.Modifiers.Count > 0)
        {
            text.Append(" (").Append(_texts.From).Append(' ').Append(FindingWords.Severity(finding.BaseSeverity, _language)).Append("; ")
                .Append(Escape(string.Join("; ", finding.Modifiers.Select(m => FindingWords.Change(m, _language))))).Append(')');
        }

        text.AppendLine().AppendLine();
        text.Append("**").Append(_texts.Entries).AppendLine(":**").AppendLine();
        foreach (var entry in finding.Entries)
        {
            text.Append("- ").Append(Escape(entry.Name ?? entry.EntryId)).Append(" — ").Append(entry.SourceKind).Append(" `").Append(entry.Source.Replace("`", "", StringComparison.Ordinal)).Append("`, ")
                .Append(CardTexts.StatusName(entry.Status, _language));
            if (entry.Source == PatientDataReader.DraftSourceId)
            {
                text.Append(" (").Append(_texts.Draft).Append(')');
            }

            text.AppendLine();
        }

        text.AppendLine();
        if (finding.Values.Count > 0)
        {
            text.Append("**").Append(_texts.Values).Append(":** ").AppendLine(Escape(string.Join("; ", finding.Values))).AppendLine();
        }

        if (CardTexts.Text(finding.Handling, _language) is { Length: > 0 } handling)
        {
            text.Append("**").Append(_texts.Handling).Append(":** ").AppendLine(Escape(handling)).AppendLine();
        }

        // Rule files give the mechanism and the evidence in English only: an English card shows them, any other says so.
        var englishOnly = new[] { (_texts.Mechanism, finding.Mechanism), (_texts.Evidence, finding.Evidence) }.Where(t => !string.IsNullOrWhiteSpace(t.Item2)).ToList();
        if (englishOnly.Count > 0 && _texts.EnglishOnly.Length > 0)
        {
            text.Append('_').Append(_texts.EnglishOnly).AppendLine("_").AppendLine();
        }
        else
        {
            foreach (var (label, value) in englishOnly)
            {
                text.Append("**").Append(label).Append(":** ").AppendLine(Escape(value!)).AppendLine();
            }
        }

        if (finding.References.Count > 0)
        {
            text.Append("**").Append(_texts.References).AppendLine(":**").AppendLine();
            foreach (var reference in finding.References)
            {
                text.Append("- ").AppendLine(Escape(reference));
            }

            text.AppendLine();
        }

        text.Append('_').Append(_texts.Rule).Append(' ').Append(Escape(finding.RuleId)).Append(" v").Append(finding.RuleVersion.ToString(CultureInfo.InvariantCulture)).AppendLine("_");
        return text.ToString();
    }

    private string DrugNames(Finding finding, ReconciliationResult list)
    {
        var names = finding.LineIds
            .Select(id => list.Lines.FirstOrDefault(l => l.Id == id))
            .Select(line => line is null ? null : Names(line))
            .OfType<string>()
            .ToList();
        if (names.Count == 0)
        {
            names = finding.Entries.Select(e => e.Name ?? e.EntryId).Distinct().ToList();
        }

        return string.Join(" + ", names);
    }

    private string Names(ReconciledLine line) =>
        line.Substances.Count == 0 ? line.Id : string.Join("/", line.Substances.Select(s => _language == "en" ? s.NameEn : s.NameNb));

    /// <summary>The summary: the title and the drugs, under 140 characters; the title is shortened first.</summary>
    internal static string Summary(string title, string drugs)
    {
        var suffix = $" ({drugs})";
        if (title.Length + suffix.Length <= 139)
        {
            return title + suffix;
        }

        if (suffix.Length > 60)
        {
            suffix = Clip(suffix[..^1], 59) + ")";
        }

        return Clip(title, 139 - suffix.Length) + suffix;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '`' or '#')
            {
                result.Append('\\');
            }

            result.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return result.ToString();
    }
}
