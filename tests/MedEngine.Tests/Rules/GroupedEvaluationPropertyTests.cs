using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests.Rules;

/// <summary>
/// The shipped rules (and a small library of the features they leave unused) compiled twice, with the rule groups
/// (<see cref="SingleDrugRuleGroup"/>, <see cref="PairRuleGroup"/>, <see cref="MissingTherapyRuleGroup"/>) and with every
/// rule compiled on its own by <see cref="RuleDefinitionCompiler"/>: both must give the same findings for any patient,
/// since each kind's meaning is written once in each.
/// </summary>
public sealed class GroupedEvaluationPropertyTests(ITestOutputHelper output)
{
    /// <summary>Fixed seeds the coverage test runs; enough for every kind to fire both ways.</summary>
    private const int CoverageCases = 150;

    private static readonly FakeTimeProvider Time = new(RuleHarness.Now);
    private static readonly Lazy<Fixture> Shipped = new(() => new Fixture("shipped", RuleFiles.Read(RepositoryPaths.Rules, TestKnowledge.Shipped)));

    private static readonly string[] FeatureRules =
    [
        RuleKindTests.Rule("F-DUP-SUBSTANCE", "duplicate", "caution", """
            drug: { atc: ["M01A*", "N02BE*", "N02AJ*"], except: { form: [gel] } }
            same: substance
            modifiers:
              - { when: { patient: { age: ">= 75" } }, raise: 1, because: "age" }
            """),
        RuleKindTests.Rule("F-DUP-LEVEL1", "duplicate", "info", """
            drug: { atc: ["C*", "B01*"] }
            same: group
            level: 1
            """),
        RuleKindTests.Rule("F-DUP-LEVEL2", "duplicate", "info", """
            drug: { atc: ["N*"], except: { route: [topical] } }
            same: group
            level: 2
            """),
        RuleKindTests.Rule("F-DUP-LEVEL3", "duplicate", "caution", """
            drug: { atc: ["N02*", "N05*", "M01*"] }
            same: group
            level: 3
            modifiers:
              - { when: { lab: { test: egfr, below: 45 } }, raise: 1, because: "renal" }
            """),
        RuleKindTests.Rule("F-DUP-LEVEL4", "duplicate", "caution", """
            drug: { atc: ["N02*", "M01A*", "C09*", "C07*"] }
            same: group
            """),
        RuleKindTests.Rule("F-MISSING-LAB", "missing-therapy", "info", """
            lab: { test: egfr, below: 45 }
            missing: { atc: ["C09A*", "C09C*"] }
            modifiers:
              - { when: { patient: { sex: male } }, raise: 1, because: "sex" }
            """),
        RuleKindTests.Rule("F-MISSING-BOTH", "missing-therapy", "info", """
            patient: { sex: female, age: ">= 65" }
            lab: { test: potassium, above: 5.0, maxAgeDays: 100 }
            missing: { atc: ["C03D*"], except: { route: [topical] } }
            modifiers:
              - { when: { lab: { test: crcl, below: 30 } }, raise: 2, because: "crcl" }
            """),
        RuleKindTests.Rule("F-PATIENT-PREGNANT", "drug-patient", "contraindicated", """
            drug: { atc: ["C09*", "B01AA*", "M01A*"] }
            patient: { sex: female, pregnant: true }
            modifiers:
              - { when: { patient: { weight: "< 50" } }, lower: 1, because: "weight" }
            """),
        RuleKindTests.Rule("F-PATIENT-WEIGHT", "drug-patient", "caution", """
            drug: { atc: ["N02A*", "N05B*"] }
            patient: { weight: "< 50", age: "< 18" }
            """),
        RuleKindTests.Rule("F-PATIENT-ALLERGY", "drug-patient", "avoid", """
            drug: { atc: ["J01C*", "J01D*", "M01A*"] }
            patient: { allergies: ["atc:J01C*", "name:penicillin", "atc:M01A*"] }
            modifiers:
              - { when: { lab: { test: inr, above: 3 } }, raise: 1, because: "inr" }
              - { when: { patient: { age: ">= 80" } }, lower: 1, because: "age" }
            """),
        RuleKindTests.Rule("F-CONDITION", "drug-condition", "avoid", """
            drug: { atc: ["M01A*", "C07*"], except: { form: [gel], route: [ophthalmic] } }
            patient: { conditions: ["icd10:I50*", "icpc2:K77", "icd10:J45*"] }
            """),
        RuleKindTests.Rule("F-LAB-AGE", "drug-lab", "avoid", """
            drug: { atc: ["B01AA*", "M01A*"] }
            lab: { test: inr, above: 3, maxAgeDays: 30 }
            modifiers:
              - { when: { patient: { age: ">= 75" } }, raise: 1, because: "age" }
            """),
        RuleKindTests.Rule("F-LAB-CRCL", "drug-lab", "caution", """
            drug: { atc: ["A10BA*", "N03AX*", "M01A*", "C03D*"] }
            lab: { test: crcl, below: 50 }
            """),
        RuleKindTests.Rule("F-DOSE-BANDS", "dose-limit", "avoid", """
            drug: { atc: ["N02BE01", "M01AE01", "N02AA05"], except: { route: [intravenous] } }
            limits:
              - { when: { patient: { weight: "< 50" } }, maxDailyPerKg: 60 mg, maxSingle: 500 mg }
              - { when: { medication: { atc: ["M01A*", "B01AA*"] } }, maxDaily: 1200 mg, maxSingle: 400 mg }
              - { when: { lab: { test: egfr, below: 30 } }, maxDaily: 1 g }
              - { when: { patient: { age: ">= 70" }, medication: { atc: ["N02A*"] } }, maxDaily: 1500 mg }
              - { when: { patient: { age: ">= 80" }, lab: { test: potassium, above: 5 } }, maxDaily: 800 mg, maxSingle: 200 mg }
              - { maxDaily: 2400 mg }
            modifiers:
              - { when: { lab: { test: egfr, below: 60 } }, raise: 1, because: "renal" }
            """),
        RuleKindTests.Rule("F-INTERACTION-OVERLAP", "interaction", "caution", """
            between:
              - { atc: ["M01A*", "N02B*", "B01AC*"] }
              - { atc: ["M01A*", "B01A*"], except: { route: [topical] } }
            modifiers:
              - { when: { patient: { age: ">= 70" } }, raise: 1, because: "age" }
              - { when: { lab: { test: egfr, below: 30 } }, raise: 1, because: "renal" }
            """),
        RuleKindTests.Rule("F-INTERACTION-THREE", "interaction", "avoid", """
            between:
              - { atc: ["C09*"] }
              - { atc: ["C03*"] }
              - { atc: ["M01A*"] }
            """),
        RuleKindTests.Rule("F-INTERACTION-MEDMOD", "interaction", "caution", """
            between:
              - { atc: ["N02A*"] }
              - { atc: ["N05B*", "N05C*"] }
            modifiers:
              - { when: { medication: { atc: ["N06A*"] } }, raise: 1, because: "antidepressant" }
            """),
        RuleKindTests.Rule("F-TABLE", "interaction-table", "caution", """
            table: pairs.tsv
            """),
        RuleKindTests.Rule("F-CUMULATIVE", "cumulative", "caution", """
            drug: { atc: ["N02A*"] }
            factors: { "N02AA01": 1, "N02AA05": 1.5, "N02A*": 0.5 }
            threshold: 50
            unit: MME/day
            """),
        RuleKindTests.Rule("F-MISSING-TOTAL", "missing-therapy", "info", """
            taking: [{ atc: ["N02A*"], except: { use: [as-needed] } }]
            total: { of: F-CUMULATIVE, atLeast: 20 }
            missing: { atc: ["A06A*"] }
            """),
    ];

    /// <summary>The feature rules' interaction table (<c>docs/interaction-table.md</c>): a level-5 pair and a pair of prefixes.</summary>
    private const string FeatureTable =
        "a\tb\tseverity\tconsequence\tmechanism\thandling\tevidence\treference\tsource\n" +
        "C10AA01\tC08CA01\tcaution\tMore simvastatin.\tCYP3A4.\tAt most 20 mg.\t1\tSPC\ttest\n" +
        "B01AA03\tM01AE01\tavoid\tBleeding.\tPlatelets.\tAvoid.\t1\tSPC\ttest\n";

    /// <summary>
    /// What the groups can express but the shipped library does not use (duplicates by substance and by ATC level, missing
    /// therapy on a lab value, sex, pregnancy, weight, allergies, lab age and lab modifiers, per-kg dose bands, dose bands on
    /// another medication (one of them the drug's own class, which the dosed line itself does not meet), missing therapy from a
    /// cumulative total and as-needed use, overlapping
    /// interaction groups, form exceptions), so that the groups' handling of it is held to the per-rule patterns too.
    /// </summary>
    private static readonly Lazy<Fixture> Features = new(() =>
    {
        using var harness = new RuleHarness(("features.yaml", string.Join("\n---\n", FeatureRules)), ("pairs.tsv", FeatureTable));
        return new Fixture("features", RuleFiles.Read(harness.Directory, TestKnowledge.Shipped));
    });

    [Property(MaxTest = 150)]
    public Property GroupedEvaluation_OfRandomPatients_EqualsPerRuleEvaluation() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            Run(Shipped.Value, seed);
            Run(Features.Value, seed);
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GroupedEvaluation_OverFixedSeeds_FiresEveryKindBothWays(bool shipped)
    {
        var fixture = shipped ? Shipped.Value : Features.Value;
        // The feature rules must have every kind of the format, so that a new kind is held to its per-rule meaning too.
        var counts = (shipped ? fixture.Rules.Select(r => r.Kind).Distinct() : RuleKind.All.Keys).ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = 0; seed < CoverageCases; seed++)
        {
            foreach (var finding in Run(fixture, seed))
            {
                counts[finding.Kind]++;
                rules.Add(finding.RuleId);
            }
        }

        foreach (var (kind, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind}: {count} findings");
        }

        output.WriteLine($"{rules.Count} of {fixture.Rules.Count} rules fired; not: {string.Join(", ", fixture.Rules.Select(r => r.Id).Where(id => !rules.Contains(id)))}");
        Assert.All(counts, c => Assert.True(c.Value > 0, $"No finding of kind '{c.Key}' in {CoverageCases} patients: the property would hold vacuously for it."));
    }

    [Fact]
    public void GroupedEvaluation_Off_StillPassesEveryShippedExample()
    {
        var runner = new RuleExampleRunner(TestKnowledge.Shipped, Shipped.Value.PerRule.Current, Time);
        var failed = runner.RunAll().Where(r => !r.Passed).Select(r => $"{r.Rule.Id} {r.Example.Name}: {r.Actual}").ToList();
        Assert.Empty(failed);
        Assert.All(Shipped.Value.Rules.GroupBy(r => r.Kind), kind => Assert.Contains(kind, r => r.Examples.Any(e => e.Fires)));
    }

    /// <summary>
    /// Evaluates one random patient both ways: the first list, then a second step that changes the patient and the list in
    /// the same sessions (so updates and retractions are compared too). Returns the findings of both steps.
    /// </summary>
    private static List<Finding> Run(Fixture fixture, int seed)
    {
        var random = new Random(seed);
        var patient = fixture.Patient(random);
        var entries = fixture.Medications(random, 0);
        var state = new PatientMedicationState(TestKnowledge.Normalizer, SourcePrecedencePolicy.Default);
        var grouped = new PatientDecisionSupport(fixture.Grouped, Time, patient);
        var perRule = new PatientDecisionSupport(fixture.PerRule, Time, patient);
        var first = state.Apply(List(entries));
        grouped.Update(first, null);
        perRule.Update(first, null);
        AssertSame($"Seed {seed}, {fixture.Name} rules, first list",  patient, entries, perRule.Findings, grouped.Findings);
        var found = grouped.Findings.Where(f => f.Category != FindingCategory.NotChecked).ToList();

        var nextPatient = random.Next(2) == 0 ? fixture.Patient(random) : patient;
        var nextEntries = entries.Where(_ => random.Next(10) < 7)
            .Select(e => random.Next(5) == 0 ? e with { DosageText = Fixture.Pick(random, Fixture.Dosages) } : e)
            .Concat(fixture.Medications(random, entries.Count).Take(random.Next(3))).ToList();
        var second = state.Apply(List(nextEntries));
        grouped.Update(second, nextPatient);
        perRule.Update(second, nextPatient);
        AssertSame($"Seed {seed}, {fixture.Name} rules, after a change of patient and list", nextPatient, nextEntries, perRule.Findings, grouped.Findings);
        found.AddRange(grouped.Findings.Where(f => f.Category != FindingCategory.NotChecked));
        return found;
    }

    private static SourceListReplaced List(IReadOnlyList<MedicationEntry> entries) =>
        new(new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now.AddDays(-1)), entries));

    private static void AssertSame(string step, PatientContext patient, IReadOnlyList<MedicationEntry> entries, IReadOnlyList<Finding> perRule, IReadOnlyList<Finding> grouped)
    {
        var expected = perRule.Select(Describe).Order(StringComparer.Ordinal).ToList();
        var actual = grouped.Select(Describe).Order(StringComparer.Ordinal).ToList();
        if (expected.SequenceEqual(actual))
        {
            return;
        }

        var labs = string.Join(", ", patient.Labs.Select(l => $"{l.Code.Code} {l.Value} at {l.Effective:yyyy-MM-dd}"));
        Assert.Fail($"""
            {step}: grouped and per-rule evaluation differ.
            Patient: birth {patient.BirthDate}, sex {patient.Sex}, weight {patient.WeightKg}, pregnant {patient.Pregnant}, conditions [{string.Join(", ", patient.Conditions.Select(c => c.Code))}], labs [{labs}]
            Medications: {string.Join("; ", entries.Select(e => $"{e.EntryId} {e.Name} | {e.DosageText} | {e.Route}"))}
            Only per rule:
              {string.Join("\n  ", expected.Except(actual))}
            Only grouped:
              {string.Join("\n  ", actual.Except(expected))}
            """);
    }

    /// <summary>What must be equal: rule, key, lines, severity (before and after modifiers) and the explanation with its values.</summary>
    private static string Describe(Finding f) =>
        $"{f.Key} {f.RuleId} v{f.RuleVersion} [{string.Join(",", f.LineIds)}] {Severities.ToName(f.BaseSeverity)}->{Severities.ToName(f.Severity)} {f.Explanation}";

    /// <summary>A rule library compiled both ways, and what its rules mention to draw patients from.</summary>
    private sealed class Fixture
    {
        public static readonly string?[] Dosages =
        [
            null, null, "1x1", "1x2", "1x3", "2x3", "1x4", "2x4", "3x4", "1x6", "2x6", "½x2", "1 tablett morgen og kveld",
            "ved behov, maks 4 per døgn", "ved behov, maks 8 per døgn", "1 ved behov",
        ];

        private static readonly string[] Strengths = ["", "", "1 mg", "2.5 mg", "5 mg", "10 mg", "20 mg", "40 mg", "50 mg", "100 mg", "200 mg", "400 mg", "500 mg", "800 mg", "1 g"];

        private static readonly string?[] Routes = ["oral", "topical", "ophthalmic", "intravenous", "inhalation", "transdermal"];

        private static readonly string?[] Sexes = ["female", "male", "other", null];

        private static readonly bool?[] Pregnancies = [null, null, true, false];

        private static readonly int?[] LabAgesDays = [0, 3, 30, 100, 364, 366, 800, null];

        private readonly string[] _noise;
        private readonly ClinicalRule[][] _byKind;
        private readonly Dictionary<string, List<string[]>> _slots = new(StringComparer.Ordinal);
        private readonly List<(string[] A, string[] B)> _tableRows = [];
        private readonly List<ClinicalCode> _conditions;
        private readonly List<ClinicalCode> _allergies;
        private readonly int[] _ages;
        private readonly decimal[] _weights;
        private readonly Dictionary<string, decimal[]> _labValues;

        public Fixture(string name, IReadOnlyList<ClinicalRule> rules)
        {
            Name = name;
            Rules = rules;
            Grouped = new RuleSetHost(RuleSet.Compile(Rules, Time));
            PerRule = new RuleSetHost(RuleSet.Compile(Rules, Time, grouped: false));

            _byKind = Rules.GroupBy(r => r.Kind, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
            var knowledge = TestKnowledge.Shipped;
            var names = knowledge.Names.Order(StringComparer.Ordinal).Select(n => (Name: n, Match: knowledge.FindByName(n)))
                .Where(x => x.Match is not null)
                .Select(x => (x.Name, Codes: x.Match!.Substances.SelectMany(s => new[] { s.Key, s.Atc }).Append(x.Match.Product?.Atc).OfType<string>().Distinct(StringComparer.Ordinal).ToArray()))
                .ToList();
            string[] Matching(IEnumerable<string> patterns)
            {
                var list = patterns.ToList();
                return names.Where(n => n.Codes.Any(c => list.Any(p => ClinicalCodes.Matches(c, p)))).Select(n => n.Name).ToArray();
            }

            foreach (var rule in Rules)
            {
                var slots = RuleChecks.Selectors(rule).Select(s => Matching(s.Include)).Where(s => s.Length > 0).ToList();
                _slots[rule.Id] = slots;
                if (rule.Condition is InteractionTableCondition table)
                {
                    _tableRows.AddRange(table.Table.Rows.Select(row => (Matching([row.A]), Matching([row.B]))).Where(r => r.Item1.Length > 0 && r.Item2.Length > 0));
                }
            }

            _noise = _slots.Values.SelectMany(s => s.SelectMany(n => n)).Concat(_tableRows.SelectMany(r => r.A.Concat(r.B))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var patients = Rules.SelectMany(PatientCriteriaOf).ToList();
            _conditions = patients.SelectMany(p => p.Conditions).Distinct(StringComparer.Ordinal).Select(Code).ToList();
            _allergies = patients.SelectMany(p => p.Allergies).Distinct(StringComparer.Ordinal).Select(Code).ToList();
            _ages = patients.Select(p => p.Age).OfType<Comparison>().SelectMany(c => new[] { c.Value - 1, c.Value, c.Value + 1 }).Select(v => (int)v)
                .Concat([20, 45, 70, 90]).Where(a => a is >= 0 and < 120).Distinct().Order().ToArray();
            _weights = patients.Select(p => p.WeightKg).OfType<Comparison>().SelectMany(c => new[] { c.Value - 1, c.Value, c.Value + 1 })
                .Concat([8m, 60m, 75m, 110m]).Where(w => w > 0).Distinct().Order().ToArray();
            _labValues = Rules.SelectMany(LabCriteriaOf).Append(new LabCriterion("creatinine", 100, null, null))
                .GroupBy(l => l.Test, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(l => new[] { l.Below, l.Above }).OfType<decimal>()
                    .SelectMany(v => new[] { v - 0.1m, v, v + 0.1m, v * 0.7m, v * 1.4m }).Where(v => v > 0).Distinct().Order().ToArray(), StringComparer.Ordinal);
            _labValues["creatinine"] = [45m, 80m, 120m, 180m, 260m, 400m];
        }

        public string Name { get; }

        public IReadOnlyList<ClinicalRule> Rules { get; }

        public RuleSetHost Grouped { get; }

        public RuleSetHost PerRule { get; }

        public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

        /// <summary>A patient with values near the rules' thresholds, some conditions the rules name, and recent or old labs.</summary>
        public PatientContext Patient(Random random)
        {
            var today = DateOnly.FromDateTime(RuleHarness.Now.UtcDateTime);
            return new PatientContext
            {
                BirthDate = random.Next(8) == 0 ? null : today.AddYears(-Pick(random, _ages)).AddDays(-random.Next(1, 360)),
                Sex = Pick(random, Sexes),
                WeightKg = random.Next(4) == 0 ? null : Pick(random, _weights),
                Pregnant = Pick(random, Pregnancies),
                Conditions = _conditions.Where(_ => random.Next(6) == 0).ToList(),
                Allergies = _allergies.Where(_ => random.Next(6) == 0).ToList(),
                Labs = _labValues.Where(_ => random.Next(3) > 0).Select(l => new LabResult(LabCode(l.Key), Pick(random, l.Value), null,
                    Pick(random, LabAgesDays) is { } days ? RuleHarness.Now.AddDays(-days) : null)).ToList(),
            };
        }

        /// <summary>
        /// A list built around one to three rules, each of a kind drawn first so that every kind comes up as often (a drug for
        /// each of their selectors, sometimes one for a modifier), plus a few other drugs the rules mention, with random
        /// strengths, dosages, routes and a few stopped entries.
        /// </summary>
        public List<MedicationEntry> Medications(Random random, int firstId)
        {
            var names = new List<string>();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var rule = Pick(random, Pick(random, _byKind));
                if (rule.Condition is InteractionTableCondition && _tableRows.Count > 0)
                {
                    var (a, b) = Pick(random, _tableRows);
                    names.AddRange([Pick(random, a), Pick(random, b)]);
                    continue;
                }

                var slots = _slots[rule.Id];
                var main = rule.Condition switch
                {
                    InteractionCondition c => c.Groups.Count,
                    DuplicateCondition or CumulativeCondition => 1,
                    MissingTherapyCondition => 0,
                    _ => 1,
                };
                var mainSlots = slots.Take(main).ToList();
                if (rule.Condition is DuplicateCondition or CumulativeCondition && mainSlots.Count > 0)
                {
                    mainSlots.AddRange(Enumerable.Repeat(mainSlots[0], random.Next(1, 3)));
                }

                if (rule.Condition is MissingTherapyCondition && slots.Count > 0 && random.Next(3) == 0)
                {
                    mainSlots.Add(slots[0]);
                }

                names.AddRange(mainSlots.Select(s => Pick(random, s)));
                names.AddRange(slots.Skip(Math.Max(main, 1)).Where(_ => random.Next(2) == 0).Select(s => Pick(random, s)));
            }

            names.AddRange(Enumerable.Range(0, random.Next(4)).Select(_ => Pick(random, _noise)));
            return names.Select((name, i) =>
            {
                var strength = Pick(random, Strengths);
                return new MedicationEntry
                {
                    EntryId = "e" + (firstId + i).ToString(CultureInfo.InvariantCulture),
                    Name = strength.Length > 0 ? name + " " + strength : name,
                    DosageText = Pick(random, Dosages),
                    Route = random.Next(5) == 0 ? Pick(random, Routes) : null,
                    Status = random.Next(12) == 0 ? EntryStatus.Stopped : EntryStatus.Active,
                };
            }).ToList();
        }

        private static IEnumerable<RuleWhen> Whens(ClinicalRule rule) =>
            rule.Modifiers.Select(m => m.When).Concat(rule.Condition is DoseLimitCondition d ? d.Bands.Select(b => b.When).OfType<RuleWhen>() : []);

        private static IEnumerable<PatientCriteria> PatientCriteriaOf(ClinicalRule rule) =>
            Whens(rule).Select(w => w.Patient).Append(rule.Condition switch
            {
                DrugPatientCondition c => c.Patient,
                MissingTherapyCondition c => c.Patient,
                _ => null,
            }).OfType<PatientCriteria>();

        private static IEnumerable<LabCriterion> LabCriteriaOf(ClinicalRule rule) =>
            Whens(rule).Select(w => w.Lab).Append(rule.Condition switch
            {
                DrugLabCondition c => c.Lab,
                MissingTherapyCondition c => c.Lab,
                _ => null,
            }).OfType<LabCriterion>();

        /// <summary>A coded fact a pattern matches: <c>icd10:I50*</c> gives I50; <c>name:penicillin</c> gives an allergy displayed so.</summary>
        private static ClinicalCode Code(string pattern)
        {
            var colon = pattern.IndexOf(':', StringComparison.Ordinal);
            var (system, code) = (colon < 0 ? "icd10" : pattern[..colon], pattern[(colon + 1)..].TrimEnd('*'));
            return system == "name" ? new ClinicalCode("text", "none", code) : new ClinicalCode(system, code);
        }

        private static ClinicalCode LabCode(string test) =>
            test.StartsWith("loinc:", StringComparison.Ordinal) ? new ClinicalCode("loinc", test[6..]) : new ClinicalCode("medengine", test);
    }
}
