using System.Globalization;

namespace MedEngine.Import.StoppStart;

/// <summary>
/// Builds the examples of a draft so that <c>medengine rules test</c> runs every generated rule: a patient who meets the
/// criterion with matching medications (STOPP) or without the therapy (START) makes it fire; a patient who does not
/// (no diagnosis, lab on the other side, dose at the limit, one drug of a combination, therapy present) does not.
/// </summary>
internal static class ExampleBuilder
{
    private const int DefaultAge = 80;

    public static IReadOnlyList<ExampleDraft>? Build(RuleDraft draft, string severity, KnownSubstances known, out string? failure)
    {
        failure = null;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var age = Age(draft.Age);
        var conditions = draft.Conditions.Count > 0 ? (IReadOnlyList<string>)[draft.Conditions[0].TrimEnd('*')] : [];
        var fires = new ExampleDraft("meets the criterion", age, draft.Sex, conditions, draft.Lab, Crossing(draft.Lab), [], true, severity);
        if (draft.Kind == "missing-therapy")
        {
            if (known.Pick(draft.Missing!, used) is not { } therapy)
            {
                failure = "no known substance of the therapy";
                return null;
            }

            return [fires with { Name = "the criterion is met and the therapy is missing" },
                fires with { Name = "the therapy is on the list", Medications = [Medication(therapy)], Fires = false, Severity = null }];
        }

        if (known.Pick(draft.Drug!, used) is not { } drug)
        {
            failure = "no known substance of the drug";
            return null;
        }

        var examples = draft.Kind switch
        {
            "duplicate" => Duplicate(draft, known, used, fires, drug, out failure),
            "interaction" => Interaction(draft, known, used, fires, drug, out failure),
            "dose-limit" => DoseLimit(draft, fires, drug),
            _ => PatientOrLab(draft, fires, drug),
        };
        if (examples is null)
        {
            return null;
        }

        if (draft.LowerWhen is not null && known.Pick(draft.LowerWhen, used) is { } present)
        {
            var first = examples[0];
            examples.Add(first with
            {
                Name = "with the co-medication the criterion requires to be absent, the finding is lowered to info",
                Medications = [.. first.Medications, Medication(present)],
                Severity = "info",
            });
        }

        return examples;
    }

    private static List<ExampleDraft>? Duplicate(RuleDraft draft, KnownSubstances known, HashSet<string> used, ExampleDraft fires, (string Atc, string Name) drug, out string? failure)
    {
        failure = null;
        if (known.Pick(draft.Drug!, used) is not { } second)
        {
            failure = "fewer than two known substances of the drug class, so no duplicate can be shown";
            return null;
        }

        return [fires with { Name = "two medicines of the class", Medications = [Medication(drug), Medication(second)] },
            fires with { Name = "one medicine of the class", Medications = [Medication(drug)], Fires = false, Severity = null }];
    }

    private static List<ExampleDraft>? Interaction(RuleDraft draft, KnownSubstances known, HashSet<string> used, ExampleDraft fires, (string Atc, string Name) drug, out string? failure)
    {
        failure = null;
        var medications = new List<ExampleMedication> { Medication(drug) };
        foreach (var other in draft.Others)
        {
            if (known.Pick(other, used) is not { } found)
            {
                failure = "no further known substance for the co-medication";
                return null;
            }

            medications.Add(Medication(found));
        }

        return [fires with { Name = "the medicines taken together", Medications = medications },
            fires with { Name = "the drug alone", Medications = [Medication(drug)], Fires = false, Severity = null }];
    }

    private static List<ExampleDraft> DoseLimit(RuleDraft draft, ExampleDraft fires, (string Atc, string Name) drug)
    {
        var strength = $"{drug.Name} {draft.MaxDailyMg!.Value.ToString("0.###", CultureInfo.InvariantCulture)} mg tablett";
        return [fires with { Name = "twice the maximum daily dose", Medications = [new ExampleMedication(strength, drug.Atc, "1x2")] },
            fires with { Name = "the maximum daily dose itself", Medications = [new ExampleMedication(strength, drug.Atc, "1x1")], Fires = false, Severity = null }];
    }

    private static List<ExampleDraft> PatientOrLab(RuleDraft draft, ExampleDraft fires, (string Atc, string Name) drug)
    {
        var examples = new List<ExampleDraft> { fires with { Name = "the drug with the criterion met", Medications = [Medication(drug)] } };
        var first = examples[0];
        if (draft.Kind == "drug-lab")
        {
            examples.Add(first with { Name = "the lab value on the other side of the threshold", LabValue = NotCrossing(draft.Lab), Fires = false, Severity = null });
        }
        else if (draft.Conditions.Count > 0)
        {
            examples.Add(first with { Name = "the drug without the diagnosis", Conditions = [], Fires = false, Severity = null });
        }
        else if (draft.Age == StoppStartRules.DefaultAge)
        {
            examples.Add(first with { Name = "a patient under 65", Age = 50, Fires = false, Severity = null });
        }

        return examples;
    }

    private static ExampleMedication Medication((string Atc, string Name) substance) => new(substance.Name, substance.Atc);

    private static int Age(string? comparison)
    {
        if (comparison?.Split(' ', 2) is not [var op, var text] || CodeMapper.Number(text) is not { } value)
        {
            return DefaultAge;
        }

        return op switch
        {
            ">" or ">=" => (int)Math.Max(DefaultAge, Math.Floor(value) + 1),
            _ => (int)Math.Min(DefaultAge, Math.Ceiling(value) - 1),
        };
    }

    private static decimal? Crossing(LabThreshold? lab) => lab switch
    {
        null => null,
        { Below: { } below } => below > 2 ? below - 1 : below / 2,
        { Above: { } above } => above + 1,
        _ => null,
    };

    private static decimal? NotCrossing(LabThreshold? lab) => lab switch
    {
        { Below: { } below } => below + 10,
        { Above: { } above } => above / 2,
        _ => null,
    };
}
