using MedEngine.Findings;
using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>
/// Builds the <see cref="Finding"/> of one rule activation: severity after modifiers, the lines and entries, and the values
/// and texts the rule's kind gives (<see cref="RuleCondition"/>).
/// </summary>
internal sealed class FindingFactory(ClinicalRule rule, TimeProvider time)
{
    public Finding Create(RuleMatch match)
    {
        var lines = rule.Condition.Lines(match).OrderBy(m => m.LineId, StringComparer.Ordinal).ToList();
        var texts = rule.Condition.Texts(rule, lines);
        var values = rule.Condition.Values(match, lines, time).ToList();
        var applied = new List<SeverityChange>();
        var steps = 0;
        for (var i = 0; i < rule.Modifiers.Count; i++)
        {
            var modifier = rule.Modifiers[i];
            if (Holds(modifier.When, i, match))
            {
                steps += modifier.Steps;
                applied.Add(new SeverityChange(modifier.Steps, modifier.Because));
            }
        }

        var severity = Severities.Shift(texts.Severity, steps);
        return new Finding
        {
            Key = rule.Id + "|" + string.Join("|", lines.Select(l => l.LineId)),
            RuleId = rule.Id,
            RuleVersion = rule.Version,
            Kind = rule.Kind,
            Category = rule.Condition.Category,
            Severity = severity,
            BaseSeverity = texts.Severity,
            Title = texts.Title,
            Message = texts.Message,
            Handling = texts.Handling,
            Mechanism = texts.Mechanism,
            Evidence = texts.Evidence,
            References = texts.References,
            Tags = rule.Tags,
            LineIds = lines.Select(l => l.LineId).ToList(),
            LineNames = lines.Select(Name).ToList(),
            Entries = lines.SelectMany(l => l.Line.Entries).Select(EntryOf).ToList(),
            Values = values,
            Modifiers = applied,
        };
    }

    /// <summary>A source entry as a finding names it.</summary>
    public static FindingEntry EntryOf(Normalization.NormalizedEntry entry) =>
        new(entry.Source.Id, SourceKinds.ToName(entry.Source.Kind), entry.Entry.EntryId, entry.Entry.Name, EntryStatuses.ToName(entry.Entry.Status));

    /// <summary>A line's substances by their English names, as findings name them.</summary>
    public static string Name(MedicationFact line) => string.Join("/", line.Line.Substances.Select(s => s.NameEn));

    private static bool Holds(RuleWhen when, int index, RuleMatch match) =>
        when.Holds(match.Patient, match.Labs, when.Medication is null ? [] : match.ModifierMedications[index]);
}
