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
    private const string ModifierLinesName = "modifierLines";
    private const string OtherLinesName = "otherLines";

    public static IRuleDefinition Compile(ClinicalRule rule, TimeProvider time)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Description(rule.Title.En);
        builder.Tags(rule.Tags);
        var lhs = builder.LeftHandSide();
        var declarations = new List<(string Name, Type Type)>();
        var patterns = new RulePatterns();
        rule.Condition.AddPatterns(patterns);
        var medications = AddMedicationPatterns(patterns, lhs, declarations);
        var layout = new Layout(medications.Count, patterns.Collection is not null,
            patterns.ReadsPatient || rule.Settings.Count > 0 || rule.Modifiers.Any(m => m.When.Patient is not null), patterns.ReadsLabs || rule.Modifiers.Any(m => m.When.Lab is not null),
            patterns.OtherLines is not null);
        if (layout.Patient)
        {
            var patient = lhs.Pattern(typeof(PatientFact), PatientName);
            if (patterns.PatientHolds is { } holds)
            {
                patient.Condition(Expressions.Condition(PatientName, holds));
            }

            if (rule.Settings.Count > 0)
            {
                patient.Condition(Expressions.Condition<PatientFact>(PatientName, rule.AppliesIn));
            }

            declarations.Add((PatientName, typeof(PatientFact)));
        }

        if (layout.Labs)
        {
            var labs = Collect<LabFact>(lhs, LabsName, null);
            if (patterns.LabsHold is { } hold)
            {
                labs.Condition(Expressions.Condition(LabsName, hold));
            }

            if (patterns.LabsLineAndPatientHold is { } together && !layout.OtherLines)
            {
                labs.Condition(Expressions.Condition<IEnumerable<LabFact>, MedicationFact, PatientFact>(LabsName, medications[0], PatientName, (l, m, p) => together(l, m, p, [])));
            }

            declarations.Add((LabsName, typeof(IEnumerable<LabFact>)));
        }

        if (patterns.OtherLines is { } otherLines)
        {
            // The other lines the condition reads, collected after the lab values so the condition reads them all, and a line
            // added, changed or removed re-evaluates it.
            Collect(lhs, OtherLinesName, otherLines).Condition(Expressions.Condition(LabsName, medications[0], PatientName, OtherLinesName, patterns.LabsLineAndPatientHold!));
            declarations.Add((OtherLinesName, typeof(IEnumerable<MedicationFact>)));
        }

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

        if (patterns.Absent is { } absent)
        {
            lhs.Not().Pattern(typeof(MedicationFact), "present").Condition(Expressions.Condition("present", absent));
        }

        var factory = new FindingFactory(rule, time);
        builder.RightHandSide().Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, [new RuleHit(LinkKey, factory, Match(facts, layout, modifierIndexes))])),
            ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the rules about one drug at a time into one NRules rule: a line any of them names, the patient, the lab
    /// values and, for a group whose rules read other lines, the lines they read; the action inserts one linked finding per rule that holds (keyed by rule id), and on reactivation brings the
    /// linked findings up to date.
    /// </summary>
    public static IRuleDefinition CompileGroup(SingleDrugRuleGroup group)
    {
        var builder = new RuleBuilder();
        var withOtherLines = group.ReadsOtherLines;
        builder.Name(withOtherLines ? "MedEngine single-drug rules that read other lines" : "MedEngine single-drug rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(MedicationFact), "m0").Condition(Expressions.Condition<MedicationFact>("m0", group.Concerns));
        lhs.Pattern(typeof(PatientFact), PatientName);
        var labs = Collect<LabFact>(lhs, LabsName, null);
        List<(string, Type)> declarations = [("m0", typeof(MedicationFact)), (PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>))];
        if (withOtherLines)
        {
            // One collection of the lines any modifier or condition reads besides the rule's own, for every line: each rule
            // picks its lines from it, and a change to one of them re-evaluates the rules.
            Collect<MedicationFact>(lhs, OtherLinesName, group.IsOtherLine).Condition(Expressions.Condition<IEnumerable<LabFact>, MedicationFact, PatientFact, IEnumerable<MedicationFact>>(
                LabsName, "m0", PatientName, OtherLinesName, (all, m, p, others) => group.AnyHolds(m, p, all.ToList(), others.ToList())));
            declarations.Add((OtherLinesName, typeof(IEnumerable<MedicationFact>)));
        }
        else
        {
            labs.Condition(Expressions.Condition<IEnumerable<LabFact>, MedicationFact, PatientFact>(LabsName, "m0", PatientName, (all, m, p) => group.AnyHolds(m, p, all.ToList(), [])));
        }

        var rhs = builder.RightHandSide();
        rhs.Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Hits((MedicationFact)facts[0], (PatientFact)facts[1], ((IEnumerable<LabFact>)facts[2]).ToList(),
            withOtherLines ? ((IEnumerable<MedicationFact>)facts[3]).ToList() : []))), ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the rules about two lines into one NRules rule: two different lines any of them names (in line id order), the
    /// patient and the lab values (for modifiers); one linked finding per rule that holds, kept up to date on reactivation.
    /// </summary>
    public static IRuleDefinition CompileGroup(PairRuleGroup group)
    {
        var builder = new RuleBuilder();
        builder.Name(group.HasMedicationModifiers ? "MedEngine two-line rules with medication modifiers" : "MedEngine two-line rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(MedicationFact), "m0").Condition(Expressions.Condition<MedicationFact>("m0", group.Concerns));
        var second = lhs.Pattern(typeof(MedicationFact), "m1");
        second.Condition(Expressions.Condition<MedicationFact>("m1", group.Concerns));
        second.Condition(Expressions.Condition<MedicationFact, MedicationFact>("m0", "m1", (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && group.AnyHolds(a, b)));
        lhs.Pattern(typeof(PatientFact), PatientName);
        Collect<LabFact>(lhs, LabsName, null);
        List<(string, Type)> declarations = [("m0", typeof(MedicationFact)), ("m1", typeof(MedicationFact)), (PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>))];
        if (group.HasMedicationModifiers)
        {
            // One collection of the lines any modifier selects, for every pair: each rule picks its modifiers' lines from it.
            Collect<MedicationFact>(lhs, ModifierLinesName, group.IsModifierLine);
            declarations.Add((ModifierLinesName, typeof(IEnumerable<MedicationFact>)));
        }

        var withModifiers = group.HasMedicationModifiers;
        builder.RightHandSide().Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Hits(
            (MedicationFact)facts[0], (MedicationFact)facts[1], (PatientFact)facts[2], ((IEnumerable<LabFact>)facts[3]).ToList(),
            withModifiers ? ((IEnumerable<MedicationFact>)facts[4]).ToList() : []))), ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Compiles the missing-therapy rules into one NRules rule over the patient, the lab values and the lines they name; one linked
    /// finding per rule that holds, kept up to date as the list changes.
    /// </summary>
    public static IRuleDefinition CompileGroup(MissingTherapyRuleGroup group)
    {
        var builder = new RuleBuilder();
        builder.Name("MedEngine missing-therapy rules");
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(PatientFact), PatientName);
        Collect<LabFact>(lhs, LabsName, null);
        Collect<MedicationFact>(lhs, "lines", group.Concerns);
        (string, Type)[] declarations = [(PatientName, typeof(PatientFact)), (LabsName, typeof(IEnumerable<LabFact>)), ("lines", typeof(IEnumerable<MedicationFact>))];
        builder.RightHandSide().Action(Expressions.Action(declarations, (ctx, facts) => Link(ctx, group.Hits(
            (PatientFact)facts[0], ((IEnumerable<LabFact>)facts[1]).ToList(), ((IEnumerable<MedicationFact>)facts[2]).ToList()))), ActionTrigger.Activated | ActionTrigger.Reactivated);
        return builder.Build();
    }

    /// <summary>
    /// Brings the linked findings of an activation up to date: one per rule that holds, keyed by rule id. A finding whose
    /// match is made of the same facts as before stays as it is; a finding is built, and propagated, only when its facts changed.
    /// </summary>
    private static void Link(IContext ctx, IEnumerable<RuleHit> hits)
    {
        var held = 0;
        foreach (var hit in hits)
        {
            held++;
            switch (ctx.GetLinked(hit.RuleId))
            {
                case null:
                    ctx.InsertLinked(hit.RuleId, new LinkedFinding(hit.Factory.Create(hit.Match), hit.Match));
                    break;
                case LinkedFinding linked when !linked.Match.HasSameFactsAs(hit.Match):
                    ctx.UpdateLinked(hit.RuleId, new LinkedFinding(hit.Factory.Create(hit.Match), hit.Match));
                    break;
            }
        }

        var keys = ctx.GetLinkedKeys();
        if (keys.Count > held)
        {
            var holds = hits.Select(h => h.RuleId).ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys.OfType<string>().Where(k => !holds.Contains(k)).ToList())
            {
                ctx.RetractLinked(key, ctx.GetLinked(key)!);
            }
        }
    }

    /// <summary>
    /// Which patterns a rule has: its lines (or one collection of them), and the patient, the lab values and the other lines
    /// its condition reads only where the rule reads them, so the others cost nothing.
    /// </summary>
    private sealed record Layout(int Medications, bool Collection, bool Patient, bool Labs, bool OtherLines);

    /// <summary>The patterns of the lines a rule is about: m0, m1... (or one collection, meds).</summary>
    private static List<string> AddMedicationPatterns(RulePatterns patterns, GroupBuilder lhs, List<(string Name, Type Type)> declarations)
    {
        var names = new List<string>();
        foreach (var (matches, withEarlier) in patterns.Lines)
        {
            var name = "m" + names.Count;
            var pattern = lhs.Pattern(typeof(MedicationFact), name);
            pattern.Condition(Expressions.Condition(name, matches));
            if (withEarlier is not null)
            {
                foreach (var earlier in names)
                {
                    pattern.Condition(Expressions.Condition(earlier, name, withEarlier));
                }
            }

            names.Add(name);
            declarations.Add((name, typeof(MedicationFact)));
        }

        if (patterns.Collection is var (filter, holds))
        {
            Collect(lhs, "meds", filter).Condition(Expressions.Condition("meds", holds));
            names.Add("meds");
            declarations.Add(("meds", typeof(IEnumerable<MedicationFact>)));
        }

        return names;
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

    private static RuleMatch Match(object[] facts, Layout layout, List<int> modifierIndexes)
    {
        var medications = layout.Collection
            ? ((IEnumerable<MedicationFact>)facts[0]).ToList()
            : facts.Take(layout.Medications).Cast<MedicationFact>().ToList();
        var next = layout.Medications;
        var patient = layout.Patient ? (PatientFact)facts[next++] : null;
        var labs = layout.Labs ? ((IEnumerable<LabFact>)facts[next++]).ToList() : [];
        var otherLines = layout.OtherLines ? ((IEnumerable<MedicationFact>)facts[next++]).ToList() : [];
        var modifiers = modifierIndexes.Select((index, i) => (index, list: (IReadOnlyList<MedicationFact>)((IEnumerable<MedicationFact>)facts[next + i]).ToList()))
            .ToDictionary(x => x.index, x => x.list);
        return new RuleMatch(medications, patient, labs, modifiers) { OtherLines = otherLines };
    }
}
