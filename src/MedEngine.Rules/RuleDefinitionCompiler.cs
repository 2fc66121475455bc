using MedEngine.Findings;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace MedEngine.Rules;

/// <summary>
/// Compiles one <see cref="ClinicalRule"/> into an NRules rule definition with the rule builder: patterns over
/// <see cref="MedicationFact"/>, <see cref="PatientFact"/> and <see cref="LabFact"/>, and an action that inserts a linked
/// <see cref="Finding"/> (retracted by NRules when the match goes away). Patterns come in a fixed order, so NRules shares
/// the nodes that rules have in common. No C# is written per rule, and an interaction table is one rule, not one per pair.
/// </summary>
internal static class RuleDefinitionCompiler
{
    private const string PatientName = "patient";
    private const string LabsName = "labs";
    private const string LinkKey = "finding";

    public static IRuleDefinition Compile(ClinicalRule rule, TimeProvider time)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Description(rule.Title.En);
        builder.Tags(rule.Tags);
        var lhs = builder.LeftHandSide();
        var declarations = new List<(string Name, Type Type)>();
        var medications = AddMedicationPatterns(rule.Condition, lhs, declarations);
        var layout = new Layout(medications.Count, NeedsPatient(rule), NeedsLabs(rule));
        var patient = layout.Patient ? lhs.Pattern(typeof(PatientFact), PatientName) : null;
        if (layout.Patient)
        {
            declarations.Add((PatientName, typeof(PatientFact)));
        }

        var labs = layout.Labs ? Collect<LabFact>(lhs, LabsName, null) : null;
        if (layout.Labs)
        {
            declarations.Add((LabsName, typeof(IEnumerable<LabFact>)));
        }

        AddKindConditions(rule.Condition, patient, labs, medications);

        var modifierIndexes = new List<int>();
        for (var i = 0; i < rule.Modifiers.Count; i++)
        {
            if (rule.Modifiers[i].When.Medication is { } selector)
            {
                Collect<MedicationFact>(lhs, $"mod{i}", selector.Matches);
                declarations.Add(($"mod{i}", typeof(IEnumerable<MedicationFact>)));
                modifierIndexes.Add(i);
            }
        }

        if (rule.Condition is MissingTherapyCondition missing)
        {
            lhs.Not().Pattern(typeof(MedicationFact), "present").Condition(Expressions.Condition<MedicationFact>("present", missing.Missing.Matches));
        }

        var factory = new FindingFactory(rule, time);
        var rhs = builder.RightHandSide();
        rhs.Action(Expressions.Action(declarations, (ctx, facts) => ctx.InsertLinked(LinkKey, factory.Create(Match(facts, layout, rule.Condition, modifierIndexes)))), ActionTrigger.Activated);
        rhs.Action(Expressions.Action(declarations, (ctx, facts) => ctx.UpdateLinked(LinkKey, factory.Create(Match(facts, layout, rule.Condition, modifierIndexes)))), ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the rules about one drug at a time into one NRules rule: a line any of them names, the patient and the lab
    /// values; the action inserts one linked finding per rule that holds (keyed by rule id), and on reactivation brings the
    /// linked findings up to date.
    /// </summary>
    public static IRuleDefinition CompileGroup(SingleDrugRuleGroup group)
    {
        var builder = new RuleBuilder();
        builder.Name("MedEngine single-drug rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(MedicationFact), "m0").Condition(Expressions.Condition<MedicationFact>("m0", group.Concerns));
        lhs.Pattern(typeof(PatientFact), PatientName);
        Collect<LabFact>(lhs, LabsName, null).Condition(Expressions.Condition<IEnumerable<LabFact>, MedicationFact, PatientFact>(LabsName, "m0", PatientName,
            (labs, m, p) => group.AnyHolds(m, p, labs.ToList())));
        (string, Type)[] declarations = [("m0", typeof(MedicationFact)), (PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>))];
        var rhs = builder.RightHandSide();
        rhs.Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Findings((MedicationFact)facts[0], (PatientFact)facts[1], ((IEnumerable<LabFact>)facts[2]).ToList()))),
            ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the rules about two lines into one NRules rule: two different lines any of them names (in line id order), the
    /// patient and the lab values (for modifiers); one linked finding per rule that holds, kept up to date on reactivation.
    /// </summary>
    public static IRuleDefinition CompileGroup(PairRuleGroup group)
    {
        var builder = new RuleBuilder();
        builder.Name("MedEngine two-line rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(MedicationFact), "m0").Condition(Expressions.Condition<MedicationFact>("m0", group.Concerns));
        var second = lhs.Pattern(typeof(MedicationFact), "m1");
        second.Condition(Expressions.Condition<MedicationFact>("m1", group.Concerns));
        second.Condition(Expressions.Condition<MedicationFact, MedicationFact>("m0", "m1", (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && group.AnyHolds(a, b)));
        lhs.Pattern(typeof(PatientFact), PatientName);
        Collect<LabFact>(lhs, LabsName, null);
        (string, Type)[] declarations = [("m0", typeof(MedicationFact)), ("m1", typeof(MedicationFact)), (PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>))];
        builder.RightHandSide().Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Findings(
            (MedicationFact)facts[0], (MedicationFact)facts[1], (PatientFact)facts[2], ((IEnumerable<LabFact>)facts[3]).ToList()))), ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the missing-therapy rules into one NRules rule over the patient, the lab values and every line; one linked
    /// finding per rule that holds, kept up to date as the list changes.
    /// </summary>
    public static IRuleDefinition CompileGroup(MissingTherapyRuleGroup group)
    {
        var builder = new RuleBuilder();
        builder.Name("MedEngine missing-therapy rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(PatientFact), PatientName);
        Collect<LabFact>(lhs, LabsName, null);
        Collect<MedicationFact>(lhs, "lines", null);
        (string, Type)[] declarations = [(PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>)), ("lines", typeof(IEnumerable<MedicationFact>))];
        builder.RightHandSide().Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Findings(
            (PatientFact)facts[0], ((IEnumerable<LabFact>)facts[1]).ToList(), ((IEnumerable<MedicationFact>)facts[2]).ToList()))), ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>Brings the linked findings of an activation up to date: one per rule that holds, keyed by rule id.</summary>
    private static void Link(IContext ctx, IEnumerable<(string RuleId, Finding Finding)> findings)
    {
        var found = findings.ToDictionary(f => f.RuleId, f => f.Finding, StringComparer.Ordinal);
        foreach (var key in ctx.GetLinkedKeys().OfType<string>().ToList())
        {
            if (!found.ContainsKey(key))
            {
                ctx.RetractLinked(key, ctx.GetLinked(key)!);
            }
        }

        foreach (var (key, finding) in found)
        {
            if (ctx.GetLinked(key) is null)
            {
                ctx.InsertLinked(key, finding);
            }
            else
            {
                ctx.UpdateLinked(key, finding);
            }
        }
    }

    /// <summary>Which patterns a rule has besides its medications: the patient and the lab values only where the rule reads them, so the others cost nothing.</summary>
    private sealed record Layout(int Medications, bool Patient, bool Labs);

    private static bool NeedsPatient(ClinicalRule rule) =>
        rule.Condition is DrugPatientCondition or DoseLimitCondition || rule.Condition is MissingTherapyCondition { Patient: not null }
        || rule.Modifiers.Any(m => m.When.Patient is not null);

    private static bool NeedsLabs(ClinicalRule rule) =>
        rule.Condition is DrugLabCondition or DoseLimitCondition || rule.Condition is MissingTherapyCondition { Lab: not null }
        || rule.Modifiers.Any(m => m.When.Lab is not null);

    /// <summary>The patterns of the lines a rule is about: m0, m1... (or one collection for a cumulative rule).</summary>
    private static List<string> AddMedicationPatterns(RuleCondition condition, GroupBuilder lhs, List<(string Name, Type Type)> declarations)
    {
        var names = new List<string>();
        void Single(Func<MedicationFact, bool> alpha, Func<MedicationFact, MedicationFact, bool>? withPrevious = null)
        {
            var name = "m" + names.Count;
            var pattern = lhs.Pattern(typeof(MedicationFact), name);
            pattern.Condition(Expressions.Condition(name, alpha));
            if (withPrevious is not null)
            {
                pattern.Condition(Expressions.Condition("m0", name, withPrevious));
            }

            names.Add(name);
            declarations.Add((name, typeof(MedicationFact)));
        }

        switch (condition)
        {
            case InteractionCondition interaction:
                foreach (var group in interaction.Groups)
                {
                    var earlier = names.ToList();
                    var name = "m" + names.Count;
                    var pattern = lhs.Pattern(typeof(MedicationFact), name);
                    pattern.Condition(Expressions.Condition<MedicationFact>(name, group.Matches));
                    foreach (var other in earlier)
                    {
                        pattern.Condition(Expressions.Condition<MedicationFact, MedicationFact>(other, name, (a, b) => a.LineId != b.LineId));
                    }

                    names.Add(name);
                    declarations.Add((name, typeof(MedicationFact)));
                }

                break;
            case InteractionTableCondition table:
                Single(table.Table.Involves);
                Single(table.Table.Involves, (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && table.Table.Find(a, b).Count > 0);
                break;
            case DuplicateCondition duplicate:
                Single(duplicate.Drug.Matches);
                Single(duplicate.Drug.Matches, (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && DuplicateTherapy.Shares(duplicate, a, b));
                break;
            case DrugPatientCondition drugPatient:
                Single(drugPatient.Drug.Matches);
                break;
            case DrugLabCondition drugLab:
                Single(drugLab.Drug.Matches);
                break;
            case DoseLimitCondition doseLimit:
                Single(m => doseLimit.Drug.Matches(m) && (m.DoseToCheckMg is not null || m.SingleDoseMg is not null));
                break;
            case CumulativeCondition cumulative:
                Collect<MedicationFact>(lhs, "meds", cumulative.Drug.Matches)
                    .Condition(Expressions.Condition<IEnumerable<MedicationFact>>("meds", meds => CumulativeTotal.Of(cumulative, meds).Total > cumulative.Threshold));
                names.Add("meds");
                declarations.Add(("meds", typeof(IEnumerable<MedicationFact>)));
                break;
        }

        return names;
    }

    private static void AddKindConditions(RuleCondition condition, PatternBuilder? patient, PatternBuilder? labs, List<string> medications)
    {
        switch (condition)
        {
            case DrugPatientCondition drugPatient:
                patient!.Condition(Expressions.Condition<PatientFact>(PatientName, drugPatient.Patient.Holds));
                break;
            case DrugLabCondition drugLab:
                labs!.Condition(Expressions.Condition<IEnumerable<LabFact>>(LabsName, all => all.Any(drugLab.Lab.Holds)));
                break;
            case DoseLimitCondition doseLimit:
                labs!.Condition(Expressions.Condition<IEnumerable<LabFact>, MedicationFact, PatientFact>(LabsName, medications[0], PatientName,
                    (all, m, p) => DoseCheck.Exceeded(doseLimit, m, p, all.ToList()) is not null));
                break;
            case MissingTherapyCondition missing:
                if (missing.Patient is { } criteria)
                {
                    patient!.Condition(Expressions.Condition<PatientFact>(PatientName, criteria.Holds));
                }

                if (missing.Lab is { } lab)
                {
                    labs!.Condition(Expressions.Condition<IEnumerable<LabFact>>(LabsName, all => all.Any(lab.Holds)));
                }

                break;
        }
    }

    private static PatternBuilder Collect<T>(GroupBuilder lhs, string name, Func<T, bool>? filter)
    {
        var collection = lhs.Pattern(typeof(IEnumerable<T>), name);
        var aggregate = collection.Aggregate();
        aggregate.Collect();
        var item = aggregate.Pattern(typeof(T), name + "_item");
        if (filter is not null)
        {
            item.Condition(Expressions.Condition(name + "_item", filter));
        }

        return collection;
    }

    private static RuleMatch Match(object[] facts, Layout layout, RuleCondition condition, List<int> modifierIndexes)
    {
        var medications = condition is CumulativeCondition
            ? ((IEnumerable<MedicationFact>)facts[0]).ToList()
            : facts.Take(layout.Medications).Cast<MedicationFact>().ToList();
        var next = layout.Medications;
        var patient = layout.Patient ? (PatientFact)facts[next++] : null;
        var labs = layout.Labs ? ((IEnumerable<LabFact>)facts[next++]).ToList() : [];
        var modifiers = modifierIndexes.Select((index, i) => (index, list: (IReadOnlyList<MedicationFact>)((IEnumerable<MedicationFact>)facts[next + i]).ToList()))
            .ToDictionary(x => x.index, x => x.list);
        return new RuleMatch(medications, patient, labs, modifiers);
    }
}
