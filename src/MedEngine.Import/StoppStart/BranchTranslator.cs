namespace MedEngine.Import.StoppStart;

/// <summary>
/// Translates one iteration into a draft rule. STOPP: the action's medicine is the drug; other medicines taken with it make
/// an interaction (or a duplicate when it is the same class); a daily dose makes a dose-limit; a lab threshold a drug-lab;
/// diagnoses, age and sex a drug-condition or drug-patient rule. START: the medicines that must be absent are the missing
/// therapy. See docs/stopp-start-v2.md.
/// </summary>
internal sealed class BranchTranslator(KnownSubstances known)
{
    public BranchResult Translate(SourceCriterion criterion, SourceIteration iteration)
    {
        var losses = new List<string>();
        var dropped = new List<string>();
        var patient = PatientParts.From(criterion, iteration, losses);
        if (patient.NotReason is { } reason)
        {
            return BranchResult.Not(reason);
        }

        var medicines = new List<SourceElement>();
        foreach (var medicine in iteration.Conditions.Where(c => c.Kind == ElementKind.Medicine))
        {
            if (!medicine.Included.Any())
            {
                losses.Add(Losses.ExclusionOnly);
            }
            else if (medicine.Qualifiers.Any(q => q is { Name: "status" } && q.Values.Contains("active=false")))
            {
                losses.Add(Losses.EarlierUse);
            }
            else
            {
                medicines.Add(medicine);
            }
        }

        var draft = criterion.IsStart
            ? Start(iteration, medicines, patient, losses, dropped, out var not)
            : Stopp(iteration, medicines, patient, losses, dropped, out not);
        return draft is null
            ? BranchResult.Not(not!)
            : new BranchResult(draft with { Priorities = [iteration.Priority] }, losses.Distinct(StringComparer.Ordinal).ToList(), null, dropped);
    }

    private RuleDraft? Start(SourceIteration iteration, List<SourceElement> medicines, PatientParts patient, List<string> losses, List<string> dropped, out string? not)
    {
        if (medicines.Any(m => !m.Negative))
        {
            not = Losses.StartTriggeredByMedicine;
            return null;
        }

        var absent = medicines.Append(iteration.Action).ToList();
        if (absent.Any(m => m.Qualifiers.Count > 0))
        {
            losses.Add(Losses.Frequency);
        }

        var missing = Selector(absent, losses, dropped);
        not = missing.IsEmpty ? Losses.NoTherapy : null;
        return missing.IsEmpty ? null : new RuleDraft
        {
            Kind = "missing-therapy",
            Missing = missing,
            Conditions = patient.Conditions,
            Age = patient.Age ?? (patient.HasCriteria ? null : StoppStartRules.DefaultAge),
            Sex = patient.Sex,
            Lab = patient.Lab,
        };
    }

    private RuleDraft? Stopp(SourceIteration iteration, List<SourceElement> medicines, PatientParts patient, List<string> losses, List<string> dropped, out string? not)
    {
        var actionKey = IncludedKey(iteration.Action);
        var drugElement = medicines.Find(m => !m.Negative && IncludedKey(m) == actionKey) ?? iteration.Action;
        var others = medicines.Where(m => !m.Negative && !ReferenceEquals(m, drugElement)).ToList();
        var negatives = medicines.Where(m => m.Negative).ToList();
        var drug = Selector([drugElement], losses, dropped);
        var maxDaily = Qualifiers(drugElement, losses);
        if (others.Any(o => o.Qualifiers.Count > 0))
        {
            losses.Add(Losses.Duration);
        }

        AtcSelector? lowerWhen = null;
        if (negatives.Count > 0)
        {
            losses.Add(Losses.WithoutAsModifier);
            lowerWhen = Selector(negatives, losses, dropped) is { IsEmpty: false } s ? s : null;
        }

        not = drug.IsEmpty ? Losses.NoDrug : null;
        if (drug.IsEmpty)
        {
            return null;
        }

        var draft = new RuleDraft { Kind = "drug-condition", Drug = drug, LowerWhen = lowerWhen };
        if (others.Count > 0)
        {
            var selectors = others.Select(o => Selector([o], losses, dropped)).ToList();
            not = selectors.Any(s => s.IsEmpty) ? Losses.NoCoMedication : null;
            if (patient.HasCriteria || maxDaily is not null)
            {
                losses.Add(patient.HasCriteria ? Losses.CombinationPatient : Losses.Dose);
            }

            if (not is not null)
            {
                return null;
            }

            if (others.Count == 1 && IncludedKey(others[0]) == IncludedKey(drugElement))
            {
                return draft with { Kind = "duplicate" };
            }

            // The order of the medicines of a combination does not matter: sorted, "stop A with B" and "stop B with A" are one rule.
            var all = selectors.Prepend(drug).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            return draft with { Kind = "interaction", Drug = all[0], Others = all.Skip(1).ToList() };
        }

        if (maxDaily is not null)
        {
            return draft with { Kind = "dose-limit", MaxDailyMg = maxDaily, Conditions = patient.Conditions, Age = patient.Age, Sex = patient.Sex, Lab = patient.Lab };
        }

        if (patient.Lab is not null)
        {
            if (patient.Conditions.Count > 0 || patient.Age is not null || patient.Sex is not null)
            {
                losses.Add(Losses.LabAndPatient);
            }

            return draft with { Kind = "drug-lab", Lab = patient.Lab };
        }

        return draft with
        {
            Kind = patient.Conditions.Count > 0 ? "drug-condition" : "drug-patient",
            Conditions = patient.Conditions,
            Age = patient.Age ?? (patient.HasCriteria ? null : StoppStartRules.DefaultAge),
            Sex = patient.Sex,
        };
    }

    /// <summary>The daily dose maximum in mg of the drug (<c>dose interval="D" &gt; N</c>); other qualifiers are left out.</summary>
    private static decimal? Qualifiers(SourceElement drug, List<string> losses)
    {
        decimal? maxDaily = null;
        foreach (var qualifier in drug.Qualifiers)
        {
            if (qualifier is { Name: "dose", Interval: "D", Operator: ">", Values: [var text] } && CodeMapper.Number(text) is { } value)
            {
                maxDaily = qualifier.Unit == "G" ? value * 1000 : value;
            }
            else
            {
                losses.Add(qualifier.Name switch { "duration" => Losses.Duration, "frequency" => Losses.Frequency, _ => Losses.Dose });
            }
        }

        return maxDaily;
    }

    private AtcSelector Selector(IEnumerable<SourceElement> elements, List<string> losses, List<string> dropped)
    {
        var list = elements.ToList();
        var include = Known(list.SelectMany(e => e.Included).Where(c => c.Terminology == "atc").SelectMany(c => c.Values).Select(CodeMapper.Atc), losses, dropped);
        var except = Known(list.SelectMany(e => e.Excluded).Where(c => c.Terminology == "atc").SelectMany(c => c.Values).Select(CodeMapper.Atc), losses, dropped);
        return new AtcSelector(include, except);
    }

    private List<string> Known(IEnumerable<string> codes, List<string> losses, List<string> dropped)
    {
        var kept = new List<string>();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (known.Knows(code))
            {
                kept.Add(code);
            }
            else
            {
                dropped.Add(code);
                losses.Add(Losses.UnknownCodes);
            }
        }

        return kept;
    }

    private static string IncludedKey(SourceElement element) => string.Join(";", element.Included.Select(c => c.Signature));
}
