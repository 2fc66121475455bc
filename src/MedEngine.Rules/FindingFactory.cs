using MedEngine.Findings;
using System.Globalization;
using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>Builds the <see cref="Finding"/> of one rule activation: severity after modifiers, the lines and entries, the values, the texts.</summary>
internal sealed class FindingFactory(ClinicalRule rule, TimeProvider time)
{
    public Finding Create(RuleMatch match)
    {
        var lines = match.Medications.OrderBy(m => m.LineId, StringComparer.Ordinal).ToList();
        var row = rule.Condition is InteractionTableCondition table ? table.Table.Find(lines[0], lines[1])[0] : null;
        var baseSeverity = row?.Severity ?? rule.Severity;
        var values = Values(match, lines).ToList();
        var applied = new List<string>();
        var steps = 0;
        for (var i = 0; i < rule.Modifiers.Count; i++)
        {
            var modifier = rule.Modifiers[i];
            if (Holds(modifier.When, i, match))
            {
                steps += modifier.Steps;
                applied.Add($"{(modifier.Steps > 0 ? "raised" : "lowered")} {Math.Abs(modifier.Steps)}: {modifier.Because}");
            }
        }

        var severity = Severities.Shift(baseSeverity, steps);
        var message = row is null ? rule.Message : new LocalizedText(row.Consequence, row.Consequence);
        var names = string.Join(" + ", lines.Select(Name));
        return new Finding
        {
            Key = rule.Id + "|" + string.Join("|", lines.Select(l => l.LineId)),
            RuleId = rule.Id,
            RuleVersion = rule.Version,
            Kind = rule.Kind,
            Severity = severity,
            BaseSeverity = baseSeverity,
            Title = row is null ? rule.Title : new LocalizedText($"{rule.Title.Nb}: {names}", $"{rule.Title.En}: {names}"),
            Message = message,
            Handling = row is { Handling.Length: > 0 } ? new LocalizedText(row.Handling, row.Handling) : rule.Handling,
            Mechanism = row is { Mechanism.Length: > 0 } ? row.Mechanism : rule.Mechanism,
            Evidence = row is { Evidence.Length: > 0 } ? row.Evidence : rule.Evidence,
            References = row is { Reference.Length: > 0 } ? [.. rule.References, .. row.Reference.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : rule.References,
            Tags = rule.Tags,
            LineIds = lines.Select(l => l.LineId).ToList(),
            Entries = lines.SelectMany(l => l.Line.Entries).Select(e => new FindingEntry(e.Source.Id, SourceKinds.ToName(e.Source.Kind), e.Entry.EntryId, e.Entry.Name, EntryStatuses.ToName(e.Entry.Status))).ToList(),
            Values = values,
            Modifiers = applied,
            Explanation = Explain(names, values, applied, baseSeverity, severity, message.En),
        };
    }

    private static string Name(MedicationFact line) => string.Join("/", line.Line.Substances.Select(s => s.NameEn));

    private bool Holds(RuleWhen when, int index, RuleMatch match) =>
        DoseCheck.Holds(when, match.Patient, match.Labs) && (when.Medication is null || match.ModifierMedications[index].Count > 0);

    private IEnumerable<string> Values(RuleMatch match, List<MedicationFact> lines)
    {
        switch (rule.Condition)
        {
            case DrugPatientCondition drugPatient:
                return drugPatient.Patient.Describe(match.Patient!);
            case DrugLabCondition drugLab:
                return match.Labs.Where(drugLab.Lab.Holds).Select(l => $"{l.Describe()} ({drugLab.Lab})");
            case DoseLimitCondition doseLimit:
                return DoseCheck.Exceeded(doseLimit, lines[0], match.Patient!, match.Labs) ?? [];
            case CumulativeCondition cumulative:
                var total = CumulativeTotal.Of(cumulative, lines);
                return [$"total {Number(total.Total)} {cumulative.Unit} > {Number(cumulative.Threshold)}",
                    .. total.Counted.Select(c => $"{Name(c.Line)} {Number(c.Amount)} {cumulative.Unit}"),
                    .. total.NotCounted.Select(l => $"{Name(l)} not counted: dose unknown")];
            case MissingTherapyCondition missing:
                return [.. missing.Patient?.Describe(match.Patient!) ?? [], .. match.Labs.Where(l => missing.Lab?.Holds(l) == true).Select(l => $"{l.Describe()} ({missing.Lab})"),
                    $"no line of {missing.Missing.Description} on the list (on {DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"];
            default:
                return [];
        }
    }

    private static string Explain(string names, List<string> values, List<string> applied, Severity baseSeverity, Severity severity, string message)
    {
        var text = $"{(names.Length > 0 ? names + ": " : "")}{message}";
        if (values.Count > 0)
        {
            text += " Values: " + string.Join("; ", values) + ".";
        }

        if (applied.Count > 0)
        {
            text += $" Severity {Severities.ToName(baseSeverity)} {string.Join("; ", applied)}, giving {Severities.ToName(severity)}.";
        }

        return text;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
