using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>One scenario per rule kind, evaluated through reconciliation and a warm NRules session.</summary>
public sealed class RuleKindTests
{
    internal static string Rule(string id, string kind, string severity, string body) => $"""
        id: {id}
        version: 3
        kind: {kind}
        title: {"{"} nb: "Tittel {id}", en: "Title {id}" {"}"}
        message: {"{"} nb: "Melding", en: "Message" {"}"}
        severity: {severity}
        handling: "Do something"
        tags: [test]
        {body}
        """;

    private static IReadOnlyList<Finding> Evaluate(string rule, MedEngine.Model.PatientContext? patient, params string[] medications)
    {
        using var harness = new RuleHarness(("rule.yaml", rule));
        var support = harness.Patient(patient);
        support.Apply(RuleHarness.GpList(medications));
        return RuleHarness.RuleFindings(support);
    }

    [Fact]
    public void EveryKind_HasARowInTheRuleFileDocs_WithItsCategory()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rule-files.md"));
        Assert.All(RuleKind.All.Keys, kind => Assert.Matches($@"\n\| `{kind}`[^\n]*\| `[a-z-]+` \|\n", docs));
    }

    [Fact]
    public void Findings_CarryTheirKindsCategory()
    {
        var interaction = Assert.Single(Evaluate(Rule("T-C1", "interaction", "avoid", """
            between: [ { atc: [C10AA01] }, { atc: ["J01FA*"] } ]
            """), null, "Simvastatin 20 mg", "Klacid 500 mg"));
        var suggestion = Assert.Single(Evaluate(Rule("T-C2", "missing-therapy", "info", """
            patient: { conditions: ["icd10:I50.9"] }
            missing: { atc: ["C03CA*"] }
            """), new MedEngine.Model.PatientContext { Conditions = [new MedEngine.Model.ClinicalCode("icd10", "I50.9", null)] }, "Paracet 500 mg"));
        Assert.Equal(FindingCategory.Interaction, interaction.Category);
        Assert.Equal(FindingCategory.Suggestion, suggestion.Category);
        Assert.True(suggestion.IsSuggestion);
        Assert.False(interaction.IsSuggestion);
    }

    [Fact]
    public void Interaction_TwoGroups_FiresOncePerCombination()
    {
        var rule = Rule("T-1", "interaction", "avoid", """
            between:
              - { atc: [C10AA01] }
              - { atc: ["J01FA*"] }
            """);
        var finding = Assert.Single(Evaluate(rule, null, "Simvastatin 20 mg", "Klacid 500 mg", "Paracet 500 mg"));
        Assert.Equal(["C10AA01", "J01FA09"], finding.LineIds);
        Assert.Equal(3, finding.RuleVersion);
        Assert.Contains(finding.Entries, e => e.Name == "Simvastatin 20 mg" && e.Source == "gp");
        Assert.Empty(Evaluate(rule, null, "Simvastatin 20 mg", "Paracet 500 mg"));
    }

    [Fact]
    public void Interaction_ExceptRoute_LeavesTopicalOut() =>
        Assert.Empty(Evaluate(Rule("T-2", "interaction", "avoid", """
            between:
              - { names: [warfarin] }
              - { atc: ["M01A*"], except: { route: [topical] } }
            """), null, "Marevan", "Voltaren gel|1x2|topical"));

    [Fact]
    public void Duplicate_SameGroup_FiresForTwoNsaids()
    {
        var rule = Rule("T-3", "duplicate", "caution", """
            drug: { atc: ["M01A*"] }
            same: group
            level: 3
            """);
        Assert.Single(Evaluate(rule, null, "Ibux 400 mg", "Naproxen 250 mg"));
        Assert.Empty(Evaluate(rule, null, "Ibux 400 mg", "Paracet 500 mg"));
    }

    [Fact]
    public void Duplicate_SameSubstance_FiresForCombinationAndSingle() =>
        Assert.Single(Evaluate(Rule("T-4", "duplicate", "caution", """
            drug: { names: [paracetamol] }
            same: substance
            """), null, "Paracet 500 mg", "Paralgin forte"));

    [Theory]
    [InlineData("Cozaar Comp 50 mg/12,5 mg tablett")]
    [InlineData("Losartan/Hydroklortiazid 50 mg/12,5 mg tablett")]
    public void Selector_MatchesWhatACombinationProductContains(string cozaarComp)
    {
        var arb = Rule("T-4b", "drug-patient", "caution", """
            drug: { atc: ["C09CA*"] }
            patient: { age: ">= 18" }
            """);
        var thiazide = Rule("T-4c", "drug-patient", "caution", """
            drug: { atc: ["C03AA*"] }
            patient: { age: ">= 18" }
            """);
        var loop = Rule("T-4d", "drug-patient", "caution", """
            drug: { atc: ["C03CA*"] }
            patient: { age: ">= 18" }
            """);
        Assert.Single(Evaluate(arb, RuleHarness.Aged(70), cozaarComp));
        Assert.Single(Evaluate(thiazide, RuleHarness.Aged(70), cozaarComp));
        Assert.Empty(Evaluate(loop, RuleHarness.Aged(70), cozaarComp));
    }

    [Fact]
    public void Selector_MatchesACombinationCodedOnlyWithItsOwnAtc()
    {
        using var harness = new RuleHarness(("rule.yaml", Rule("T-4e", "drug-patient", "caution", """
            drug: { atc: ["C03AA*"] }
            patient: { age: ">= 18" }
            """)));
        var support = harness.Patient(RuleHarness.Aged(70));
        support.Apply(new SourceListReplaced(new SourceList(
            new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now),
            [new MedicationEntry
            {
                EntryId = "e1", Name = "Losartan/HCT Generika", Status = EntryStatus.Active,
                Codings = [new MedicationCoding(CodeSystem.Atc, "C09DA01")],
            }])));
        Assert.Single(support.Findings);
    }

    [Fact]
    public void DrugPatient_AgeAndCondition()
    {
        var rule = Rule("T-5", "drug-patient", "avoid", """
            drug: { atc: ["N05BA01"] }
            patient: { age: ">= 70" }
            """);
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(82), "Stesolid 5 mg"));
        Assert.Contains("age 82 (>= 70)", finding.Values);
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(60), "Stesolid 5 mg"));
        Assert.Empty(Evaluate(rule, null, "Stesolid 5 mg"));
    }

    [Fact]
    public void Selector_UsedLongerThan_CountsFromTheEarliestStartDate_AndNeverWithoutOne()
    {
        using var harness = new RuleHarness(("rule.yaml", Rule("T-5d", "drug-patient", "caution", """
            drug: { atc: ["N05CF*"], usedLongerThan: 4 weeks }
            patient: { age: ">= 70" }
            """)));
        IReadOnlyList<MedEngine.Findings.Finding> Started(params int?[] daysAgo)
        {
            var support = harness.Patient(RuleHarness.Aged(84));
            support.Apply(new SourceListReplaced(new SourceList(
                new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now),
                daysAgo.Select((d, i) => new MedicationEntry
                {
                    EntryId = $"e{i}", Name = "Imovane 5 mg tablett", Status = EntryStatus.Active, Start = d is { } days ? RuleHarness.Now.AddDays(-days) : null,
                }).ToList())));
            return support.Findings;
        }

        Assert.Equal("used 29 days (longer than 4 weeks)", Assert.Single(Started(29)).Values[0]);
        Assert.Empty(Started(28));
        Assert.Empty(Started([null]));
        Assert.Single(Started(10, 90));
    }

    [Fact]
    public void Patient_WithoutIndication_HoldsOnlyWhenConditionsAreKnownAndNoneJustifiesTheDrug()
    {
        var rule = Rule("T-5i", "drug-patient", "caution", """
            drug: { names: [acetylsalicylic acid] }
            patient: { withoutIndication: ["icd10:I25*", "icpc2:K76"] }
            """);
        PatientContext With(params string[] icd10) => new() { Conditions = icd10.Select(c => new ClinicalCode("icd10", c)).ToList() };
        var finding = Assert.Single(Evaluate(rule, With("I10"), "Albyl-E 75 mg"));
        Assert.Contains("no indication among the recorded conditions (icd10:I10)", finding.Values);
        Assert.Empty(Evaluate(rule, With("I10", "I25.2"), "Albyl-E 75 mg"));
        Assert.Empty(Evaluate(rule, With(), "Albyl-E 75 mg"));
    }

    [Fact]
    public void DrugCondition_NsaidWithHeartFailure()
    {
        var rule = Rule("T-6", "drug-condition", "avoid", """
            drug: { atc: ["M01A*"] }
            patient: { conditions: ["icd10:I50*", "icpc2:K77"] }
            """);
        var patient = new MedEngine.Model.PatientContext { Conditions = [new MedEngine.Model.ClinicalCode("http://hl7.org/fhir/sid/icd-10", "I50.9")] };
        Assert.Contains("condition icd10:I50.9", Assert.Single(Evaluate(rule, patient, "Ibux 400 mg")).Values);
    }

    [Fact]
    public void DrugLab_EgfrBelowThreshold_NotWhenTooOld()
    {
        var rule = Rule("T-7", "drug-lab", "avoid", """
            drug: { names: [metformin] }
            lab: { test: egfr, below: 30, maxAgeDays: 90 }
            """);
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(80, labs: RuleHarness.Lab("egfr", 24)), "Metformin 500 mg|1x2"));
        Assert.StartsWith("egfr 24", finding.Values[0], StringComparison.Ordinal);
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: RuleHarness.Lab("egfr", 24, daysAgo: 200)), "Metformin 500 mg|1x2"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: RuleHarness.Lab("egfr", 45)), "Metformin 500 mg|1x2"));
    }

    [Fact]
    public void DrugLab_CreatinineClearance_IsComputedWithCockcroftGault()
    {
        var rule = Rule("T-8", "drug-lab", "caution", """
            drug: { names: [metformin] }
            lab: { test: crcl, below: 30 }
            """);
        // (140 - 85) * 50 / (72 * 150/88.4) * 0.85 = 19.1 mL/min
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(85, "female", 50, RuleHarness.Lab("creatinine", 150)), "Metformin 500 mg|1x2"));
        Assert.Contains("crcl 19.1 mL/min", finding.Values[0], StringComparison.Ordinal);
        Assert.Contains("Cockcroft-Gault", finding.Values[0], StringComparison.Ordinal);
    }

    [Fact]
    public void DrugLab_CreatinineClearance_FallsBackToEgfr_WhenTheWeightIsUnknown_AndSaysSo()
    {
        var rule = Rule("T-8c", "drug-lab", "contraindicated", """
            drug: { names: [dabigatran] }
            lab: { test: crcl, below: 30 }
            """);
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(84, "female", null, RuleHarness.Lab("egfr", 18)), "Pradaxa 150 mg|1x2"));
        Assert.Contains("crcl 18 mL/min/1.73m²", finding.Values[0], StringComparison.Ordinal);
        Assert.Contains("eGFR in place of creatinine clearance: Cockcroft-Gault needs creatinine, weight, not known", finding.Values[0], StringComparison.Ordinal);

        // A computable clearance (here 47 mL/min) wins over the eGFR.
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(70, "male", 80, RuleHarness.Lab("egfr", 18), RuleHarness.Lab("creatinine", 145)), "Pradaxa 150 mg|1x2"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(84, "female", null, RuleHarness.Lab("egfr", 45)), "Pradaxa 150 mg|1x2"));
    }

    [Fact]
    public void DrugLab_Trend_GivesTheSlopeThePointsAndTheProjectedCrossing()
    {
        var rule = Rule("T-8t", "drug-lab", "caution", """
            drug: { names: [metformin] }
            lab:
              test: egfr
              trend: { over: 12 months, slopeBelow: -5, per: year, atLeast: 3 }
              projectBelow: 30
            """);
        LabResult[] falling = [RuleHarness.Lab("egfr", 62, daysAgo: 360), RuleHarness.Lab("egfr", 56, daysAgo: 182), RuleHarness.Lab("egfr", 50)];

        // "12 months" is 360 days. Least squares through (-359, 62), (-181, 56), (0, 50) days: -12.21 a year, 30 reached 598 days after 2026-11-25.
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(80, labs: falling), "Metformin 500 mg|1x2"));
        Assert.Equal(
            "egfr 50 mL/min/1.73m² (2026-11-25), slope -12.21 mL/min/1.73m² per year through 62 (2025-12-01), 56 (2026-05-28), 50 (2026-11-25);"
            + " projected below 30 on 2028-07-15 (egfr, slope per year < -5 over 12 months (3 or more values))",
            Assert.Single(finding.Values));

        // A stable series, too few values in the window, or the decline before the window: no finding.
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("egfr", 52, daysAgo: 365), RuleHarness.Lab("egfr", 51, daysAgo: 182), RuleHarness.Lab("egfr", 52)]), "Metformin 500 mg|1x2"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("egfr", 60, daysAgo: 182), RuleHarness.Lab("egfr", 50)]), "Metformin 500 mg|1x2"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("egfr", 70, daysAgo: 900), RuleHarness.Lab("egfr", 62, daysAgo: 700), RuleHarness.Lab("egfr", 50)]), "Metformin 500 mg|1x2"));

        // Three values on one date have no slope.
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("egfr", 62), RuleHarness.Lab("egfr", 56), RuleHarness.Lab("egfr", 50)]), "Metformin 500 mg|1x2"));
    }

    [Fact]
    public void DrugLab_Trend_RisingWithTheFittedValueAlreadyPastTheThreshold_SaysSo()
    {
        var rule = Rule("T-8k", "drug-lab", "caution", """
            drug: { atc: [C03DA01] }
            lab: { test: potassium, trend: { over: 6 months, slopeAbove: 1, per: month, atLeast: 2 }, projectAbove: 5.5 }
            """);
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("potassium", 4.8m, daysAgo: 30), RuleHarness.Lab("potassium", 5.8m)]), "Spirix 25 mg tablett|1x1"));
        Assert.Contains("fitted value already above 5.5", Assert.Single(finding.Values), StringComparison.Ordinal);
        Assert.Contains("slope per year > 12", finding.Values[0], StringComparison.Ordinal);

        // +0.5 a month is below 1 a month.
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(80, labs: [RuleHarness.Lab("potassium", 4.5m, daysAgo: 60), RuleHarness.Lab("potassium", 5.5m)]), "Spirix 25 mg tablett|1x1"));
    }

    [Theory]
    [InlineData("{ test: egfr, below: 30, projectBelow: 20 }", "'projectBelow' and 'projectAbove' need a 'trend'")]
    [InlineData("{ test: egfr, trend: { over: 12 months, slopeBelow: -5 } }", "'trend' needs 'atLeast'")]
    [InlineData("{ test: egfr, trend: { over: a year, slopeBelow: -5, atLeast: 3 } }", "'over' must be a length")]
    [InlineData("{ test: egfr, trend: { over: 1 year, slopeBelow: -5, per: week, atLeast: 3 } }", "'per' must be 'year' or 'month'")]
    [InlineData("{ test: egfr, trend: { over: 1 year, atLeast: 3 } }", "'trend' needs 'slopeBelow' or 'slopeAbove'")]
    [InlineData("{ test: egfr, trend: { over: 1 year, slopeBelow: -5, slopeAbove: 0, atLeast: 3 } }", "The trend can never hold")]
    public void DrugLab_Trend_BadSyntax_IsAnErrorSayingWhat(string lab, string message)
    {
        using var harness = new RuleHarness(("rule.yaml", Rule("T-8e", "drug-lab", "caution", $"drug: {{ names: [metformin] }}\nlab: {lab}\n")));
        var error = Assert.Single(Assert.Throws<InputException>(harness.Load).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 0.0000000000000000000000000001)]
    [InlineData(1e28, 150)]
    [InlineData(50, 1e28)]
    public void DrugLab_ImplausibleWeightOrCreatinine_IsUnknown_NeverAnOverflow(double weight, double creatinine)
    {
        var rule = Rule("T-8b", "drug-lab", "caution", """
            drug: { names: [metformin] }
            lab: { test: crcl, below: 30 }
            """);
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(85, "female", (decimal)weight, RuleHarness.Lab("creatinine", (decimal)creatinine)), "Metformin 500 mg|1x2"));
    }

    [Fact]
    public void DoseLimit_FirstApplicableBand()
    {
        var rule = Rule("T-9", "dose-limit", "avoid", """
            drug: { names: [paracetamol] }
            limits:
              - { when: { lab: { test: egfr, below: 30 } }, maxDaily: "2 g" }
              - { when: { patient: { age: ">= 80" } }, maxDaily: "3000 mg" }
              - { maxDaily: "4 g", maxSingle: "1 g" }
            """);
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(50), "Paracet 500 mg|2x3"));
        Assert.Contains("daily dose 3000 mg > 2000 mg", Assert.Single(Evaluate(rule, RuleHarness.Aged(50, labs: RuleHarness.Lab("egfr", 20)), "Paracet 500 mg|2x3")).Values[0], StringComparison.Ordinal);
        Assert.Single(Evaluate(rule, RuleHarness.Aged(85), "Paracet 500 mg|2x4"));
        Assert.Contains("single dose 1500 mg > 1000 mg", Assert.Single(Evaluate(rule, RuleHarness.Aged(50), "Paracet 500 mg|3x2")).Values);
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(85), "Paracet 500 mg"));
    }

    [Fact]
    public void DoseLimit_MaxTimesPerWeek_CatchesAWeeklyDrugGivenDaily()
    {
        var rule = Rule("T-9w", "dose-limit", "contraindicated", """
            drug: { names: [methotrexate] }
            limits:
              - { maxDaily: 3.6 mg, maxTimesPerWeek: 1 }
            """);
        var finding = Assert.Single(Evaluate(rule, null, "Metotreksat 2,5 mg tablett|1x1"));
        Assert.Equal(["given 7 times a week > at most 1"], finding.Values);
        Assert.Empty(Evaluate(rule, null, "Metotreksat 2,5 mg tablett|4 tabletter 1 gang i uken"));
        Assert.Empty(Evaluate(rule, null, "Metotreksat 2,5 mg tablett|etter avtale"));
    }

    [Fact]
    public void DoseLimit_BandOnAnotherMedication_AppliesWithThatLine_AndTheFindingNamesIt()
    {
        var rule = Rule("T-9v", "dose-limit", "caution", """
            drug: { names: [dabigatran] }
            limits:
              - { when: { patient: { age: ">= 80" } }, maxDaily: 220 mg }
              - { when: { medication: { names: [verapamil] } }, maxDaily: 220 mg }
            """);
        var finding = Assert.Single(Evaluate(rule, RuleHarness.Aged(70), "Pradaxa 150 mg kapsel|1x2", "Isoptin 80 mg tablett|1x3"));
        Assert.Equal(["B01AE07", "C08DA01"], finding.LineIds);
        Assert.Equal(["dabigatran", "verapamil"], finding.LineNames);
        Assert.Equal(["daily dose 300 mg > 220 mg (with verapamil (line C08DA01))"], finding.Values);
        Assert.Contains(finding.Entries, e => e.Name == "Isoptin 80 mg tablett");
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(70), "Pradaxa 110 mg kapsel|1x2", "Isoptin 80 mg tablett|1x3"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(70), "Pradaxa 150 mg kapsel|1x2"));
        Assert.Empty(Evaluate(rule, RuleHarness.Aged(70), "Pradaxa 150 mg kapsel", "Isoptin 80 mg tablett|1x3"));

        // The age band comes first: its finding names the dabigatran line only, as the band that applies reads no other line.
        var aged = Assert.Single(Evaluate(rule, RuleHarness.Aged(84), "Pradaxa 150 mg kapsel|1x2", "Isoptin 80 mg tablett|1x3"));
        Assert.Equal(["B01AE07"], aged.LineIds);
        Assert.StartsWith("daily dose 300 mg > 220 mg (age ", aged.Values[0], StringComparison.Ordinal);
    }

    [Fact]
    public void DoseLimit_BandOnAnotherMedication_IsNotMetByTheDosedLineItself()
    {
        var rule = Rule("T-9s", "dose-limit", "caution", """
            drug: { atc: ["M01A*"] }
            limits:
              - { when: { medication: { atc: ["M01A*"] } }, maxDaily: 1200 mg }
              - { maxDaily: 2400 mg }
            """);
        Assert.Empty(Evaluate(rule, null, "Ibux 400 mg|1x4"));
        var finding = Assert.Single(Evaluate(rule, null, "Ibux 400 mg|1x4", "Naproxen 250 mg tablett|1x2"));
        Assert.Equal(["M01AE01", "M01AE02"], finding.LineIds);
        Assert.Equal(["daily dose 1600 mg > 1200 mg (with naproxen (line M01AE02))"], finding.Values);
    }

    [Fact]
    public void DoseLimit_MedicationInABand_IsReadWithTheModifiersSyntax_AndItsErrorsHaveTheirLine()
    {
        using var harness = new RuleHarness(("rule.yaml", Rule("T-9e", "dose-limit", "caution", """
            drug: { names: [dabigatran] }
            limits:
              - { when: { medication: { atc: [C08DA01], names: [verapamill] } }, maxDaily: 220 mg }
            """)));
        var error = Assert.Single(Assert.Throws<InputException>(() => RuleFiles.Read(harness.Directory, TestKnowledge.Shipped)).Errors);
        Assert.Equal(InputIssueCodes.RuleUnknownSubstance, error.Code);
        Assert.EndsWith("rule.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(11, error.Line);
        Assert.Contains("Unknown substance name 'verapamill'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DoseLimit_AsNeededMaximum_IsChecked() =>
        Assert.Contains("maximum as needed 6000 mg > 4000 mg", Assert.Single(Evaluate(Rule("T-10", "dose-limit", "caution", """
            drug: { names: [paracetamol] }
            limits:
              - { maxDaily: "4 g" }
            """), null, "Paracet 500 mg|2 tabletter ved behov, maks 6 ganger per døgn")).Values[0], StringComparison.Ordinal);

    [Fact]
    public void Cumulative_MorphineEquivalents_AboveThreshold()
    {
        var rule = Rule("T-11", "cumulative", "avoid", """
            drug: { atc: ["N02A*"] }
            factors: { N02AA01: 1, N02AA05: 1.5, N02AX02: 0.2 }
            threshold: 50
            unit: MME/day
            """);
        var finding = Assert.Single(Evaluate(rule, null, "Oxynorm 10 mg|1x3", "Dolcontin 10 mg|1x2"));
        Assert.Equal("total 65 MME/day > 50", finding.Values[0]);
        Assert.Empty(Evaluate(rule, null, "Oxynorm 10 mg|1x2"));
        Assert.Contains(Evaluate(rule, null, "Oxynorm 10 mg|1x4", "Dolcontin")[0].Values, v => v.Contains("not counted", StringComparison.Ordinal));
    }

    [Fact]
    public void Cumulative_TransdermalPatches_CountTheirRatePerMicrogramPerHour()
    {
        var rule = Rule("T-11p", "cumulative", "caution", """
            drug: { atc: ["N02A*"] }
            factors: { N02AA01: 1 }
            perMicrogramPerHour: { N02AB03: 2.4 }
            threshold: 50
            unit: MME/day
            """);
        var finding = Assert.Single(Evaluate(rule, null, "Durogesic 75 mikrogram/time depotplaster|1 plaster hver 3. døgn"));
        Assert.Equal("total 180 MME/day > 50", finding.Values[0]);
        Assert.Empty(Evaluate(rule, null, "Durogesic 12 mikrogram/time depotplaster"));
        Assert.Contains("not counted", Assert.Single(Evaluate(rule, null, "Dolcontin 60 mg|1x1", "Norspan 10 mikrogram/time depotplaster")).Values[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTherapy_Taking_EveryGroupMustHaveALine_AndTheFindingNamesThem()
    {
        var rule = Rule("T-12t", "missing-therapy", "info", """
            taking: [{ atc: ["N02A*"] }, { atc: ["N05BA*", "N05CF*"] }]
            missing: { atc: ["V03AB15"], except: { route: [oral] } }
            """);
        var finding = Assert.Single(Evaluate(rule, null, "Oxynorm 5 mg|1x3", "Sobril 10 mg", "Paracet 500 mg"));
        Assert.Equal(2, finding.LineIds.Count);
        Assert.Empty(Evaluate(rule, null, "Oxynorm 5 mg|1x3"));
        Assert.Empty(Evaluate(rule, null, "Oxynorm 5 mg|1x3", "Sobril 10 mg", "Nyxoid 1,8 mg nesespray"));
        Assert.Single(Evaluate(rule, null, "Targiniq 10 mg/5 mg depottablett|1x2", "Sobril 10 mg"));
    }

    [Fact]
    public void Selector_ExceptAsNeeded_LeavesOutLinesTakenAsNeeded_AndCountsLinesWithoutADosage()
    {
        var rule = Rule("T-4u", "duplicate", "caution", """
            drug: { atc: ["N02A*"], except: { use: [as-needed] } }
            same: any
            """);
        Assert.Empty(Evaluate(rule, null, "OxyContin 10 mg depottablett|1x2", "OxyNorm 5 mg kapsel|1 ved behov, maks 4 per døgn"));
        Assert.Single(Evaluate(rule, null, "OxyContin 10 mg depottablett|1x2", "Nobligan 50 mg kapsel|1x3"));
        Assert.Single(Evaluate(rule, null, "OxyContin 10 mg depottablett|1x2", "Nobligan 50 mg kapsel"));
    }

    [Fact]
    public void Selector_ExceptAUseOtherThanAsNeeded_IsAnError()
    {
        using var harness = new RuleHarness(("rule.yaml", Rule("T-4v", "duplicate", "caution", """
            drug: { atc: ["N02A*"], except: { use: [regular] } }
            same: any
            """)));
        var error = Assert.Single(Assert.Throws<InputException>(harness.Load).Errors);
        Assert.Equal(InputIssueCodes.RuleInvalidValue, error.Code);
        Assert.Contains("'regular' is not a use that can be left out", error.Message, StringComparison.Ordinal);
    }

    private const string MmeRule = """
        drug: { atc: ["N02A*"] }
        factors: { N02AA05: 1.5, N02AX02: 0.2 }
        perMicrogramPerHour: { N02AB03: 2.4 }
        threshold: 90
        unit: MME/day
        """;

    [Fact]
    public void MissingTherapy_Total_ReadsTheCumulativeRulesTotal_AndNamesWhatItCounted()
    {
        using var harness = new RuleHarness(
            ("mme.yaml", Rule("T-MME", "cumulative", "caution", MmeRule)),
            ("naloxone.yaml", Rule("T-12m", "missing-therapy", "info", """
                total: { of: T-MME, atLeast: 50 }
                missing: { atc: ["V03AB15"], except: { route: [oral] } }
                """)));
        var host = new RuleSetHost(harness.Load());
        IReadOnlyList<Finding> Findings(params string[] medications)
        {
            var support = harness.Patient(host: host);
            support.Apply(RuleHarness.GpList(medications));
            return RuleHarness.RuleFindings(support).Where(f => f.RuleId == "T-12m").ToList();
        }

        var finding = Assert.Single(Findings("OxyContin 20 mg depottablett|1x2", "Paracet 500 mg|1x3"));
        Assert.Equal(["total 60 MME/day >= 50 (T-MME)", "oxycodone 60 MME/day"], finding.Values.Take(2));
        Assert.Single(finding.LineIds);
        Assert.Single(Findings("Durogesic 25 mikrogram/time depotplaster|1 plaster hver 3. døgn"));
        Assert.Empty(Findings("OxyContin 10 mg depottablett|1x2"));
        Assert.Empty(Findings("OxyContin 20 mg depottablett"));
        Assert.Empty(Findings("OxyContin 20 mg depottablett|1x2", "Nyxoid 1,8 mg nesespray"));
    }

    [Fact]
    public void MissingTherapy_Total_FollowsADoseChangeInAWarmSession()
    {
        using var harness = new RuleHarness(
            ("mme.yaml", Rule("T-MME", "cumulative", "caution", MmeRule)),
            ("naloxone.yaml", Rule("T-12w", "missing-therapy", "info", """
                total: { of: T-MME, atLeast: 50 }
                missing: { atc: ["V03AB15"] }
                """)));
        var support = harness.Patient(host: new RuleSetHost(harness.Load()));
        support.Apply(RuleHarness.GpList("OxyContin 10 mg depottablett|1x2", "Nobligan 50 mg kapsel|1x1"));
        Assert.DoesNotContain(RuleHarness.RuleFindings(support), f => f.RuleId == "T-12w");
        support.Apply(RuleHarness.GpList("OxyContin 10 mg depottablett|1x2", "Nobligan 50 mg kapsel|1x4"));
        Assert.Equal(2, Assert.Single(RuleHarness.RuleFindings(support), f => f.RuleId == "T-12w").LineIds.Count);
    }

    [Theory]
    [InlineData("total: { of: MEDENGINE-CUM-0001 }", "'atLeast' is required in 'total'")]
    [InlineData("total: 50", "'total' must be a mapping")]
    [InlineData("total: { of: MEDENGINE-CUM-0001, atLeast: 50, over: 1 year }", "Unknown key 'over' in 'total'")]
    public void MissingTherapy_Total_BadSyntax_IsOneErrorSayingWhat(string total, string message)
    {
        using var harness = new RuleHarness(("naloxone.yaml", Rule("T-12b", "missing-therapy", "info", total + "\nmissing: { atc: [\"V03AB15\"] }\n")));
        var error = Assert.Single(Assert.Throws<InputException>(harness.Load).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void MissingTherapy_Total_OfARuleThatIsNotCumulative_IsAnErrorAtTheTotal()
    {
        using var harness = new RuleHarness(("naloxone.yaml", Rule("T-12e", "missing-therapy", "info", """
            total: { of: MEDENGINE-CUM-9999, atLeast: 50 }
            missing: { atc: ["V03AB15"] }
            """)));
        var error = Assert.Single(Assert.Throws<InputException>(harness.Load).Errors);
        Assert.Equal(InputIssueCodes.RuleInvalidValue, error.Code);
        Assert.Equal(9, error.Line);
        Assert.Contains("'MEDENGINE-CUM-9999', which is not a cumulative rule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTherapy_SuggestsWhenNoLineOfTheGroup()
    {
        var rule = Rule("T-12", "missing-therapy", "info", """
            patient: { conditions: ["icd10:I48*"] }
            missing: { atc: ["B01AA*", "B01AF*"] }
            """);
        var patient = new MedEngine.Model.PatientContext { Conditions = [new MedEngine.Model.ClinicalCode("icd10", "I48.0")] };
        var finding = Assert.Single(Evaluate(rule, patient, "Paracet 500 mg"));
        Assert.True(finding.IsSuggestion);
        Assert.Empty(Evaluate(rule, patient, "Eliquis 5 mg"));
    }

    [Fact]
    public void InteractionTable_OneRuleForAllPairs_TakesSeverityAndTextFromTheRow()
    {
        using var harness = new RuleHarness(
            ("table.yaml", Rule("T-13", "interaction-table", "info", "table: pairs.tsv")),
            ("pairs.tsv", "a\tb\tseverity\tconsequence\tmechanism\thandling\tevidence\treference\tsource\n" +
                "B01AA03\tJ01FA*\tavoid\tØkt INR\tCYP3A4\tKontroller INR\t2\tRef A; Ref B\ttest\n" +
                "C10AA01\tJ01FA09\tcontraindicated\tMyopati\tCYP3A4\tKombiner ikke\t1\t\ttest\n"));
        var rules = harness.Load();
        Assert.Single(rules.Rules);
        var support = harness.Patient(host: new RuleSetHost(rules));
        support.Apply(RuleHarness.GpList("Marevan", "Klacid 500 mg", "Simvastatin 20 mg"));
        Assert.Equal(2, support.Findings.Count);
        Assert.Equal(Severity.Contraindicated, support.Findings[0].Severity);
        Assert.Equal("Myopati", support.Findings[0].Message.Nb);
        Assert.Equal(["Ref A", "Ref B"], support.Findings[1].References);
    }

    private const string TableHeader = "a\tb\tseverity\tconsequence\tmechanism\thandling\tevidence\treference\tsource";

    [Fact]
    public void InteractionTable_EachLanguageTakesItsOwnColumn_AndAnEmptyCellTheRulesTextInThatLanguage()
    {
        var rule = """
            id: T-16
            version: 1
            kind: interaction-table
            title: { nb: "Interaksjon", en: "Interaction" }
            message: { nb: "Se tabellraden.", en: "See the table row." }
            severity: info
            handling: { nb: "Følg tabellraden.", en: "Follow the table row." }
            mechanism: "See the table row."
            tags: [test]
            table: pairs.tsv
            """;
        using var harness = new RuleHarness(
            ("table.yaml", rule),
            ("pairs.tsv", TableHeader + "\thandling_en\texcept\tconsequence_en\tmechanism_en\n" +
                "B01AA03\tJ01FA09\tavoid\tØkt INR\tCYP3A4-hemming\tKontroller INR\t2\t\ttest\tMonitor the INR\t\tIncreased INR\tCYP3A4 inhibition\n" +
                "C10AA01\tJ01FA09\tcontraindicated\tMyopati\tCYP3A4-hemming\tKombiner ikke\t1\t\ttest\t\t\t\t\n" +
                "C10AA01\tB01AA03\tinfo\t\t\t\t\t\ttest\tNo action\t\tNo clinical effect\t\n"));
        var support = harness.Patient(host: new RuleSetHost(harness.Load()));
        support.Apply(RuleHarness.GpList("Marevan", "Klacid 500 mg", "Simvastatin 20 mg"));
        var findings = support.Findings.ToDictionary(f => f.Severity);

        var warfarin = findings[Severity.Avoid];
        Assert.Equal(new LocalizedText("Økt INR", "Increased INR"), warfarin.Message);
        Assert.Equal(new LocalizedText("Kontroller INR", "Monitor the INR"), warfarin.Handling);
        Assert.Equal("CYP3A4 inhibition", warfarin.Mechanism);
        Assert.Contains("klaritromycin", warfarin.Title.Nb, StringComparison.Ordinal);
        Assert.Contains("clarithromycin", warfarin.Title.En, StringComparison.Ordinal);

        var simvastatin = findings[Severity.Contraindicated]; // no English: the rule's English, never the row's Norwegian
        Assert.Equal(new LocalizedText("Myopati", "See the table row."), simvastatin.Message);
        Assert.Equal(new LocalizedText("Kombiner ikke", "Follow the table row."), simvastatin.Handling);
        Assert.Equal("See the table row.", simvastatin.Mechanism);

        var englishOnly = findings[Severity.Info]; // no Norwegian: the rule's Norwegian
        Assert.Equal(new LocalizedText("Se tabellraden.", "No clinical effect"), englishOnly.Message);
        Assert.Equal(new LocalizedText("Følg tabellraden.", "No action"), englishOnly.Handling);
    }

    [Theory]
    [InlineData("\tconsequence_nb", "Unknown column 'consequence_nb'.", 0)]
    [InlineData("\tconsequence_en\tconsequence_en", "Column 'consequence_en' is named twice.", 15)]
    [InlineData("\texcept\tsource", "Column 'source' is named twice.", 7)]
    public void InteractionTable_HeaderWithAnUnknownOrRepeatedColumn_IsRefusedWithLineAndColumn(string extra, string problem, int offset)
    {
        var text = "# comment\n" + TableHeader + extra + "\nL04AX03\tM01A*\tcaution\tx\t\t\t\t\t\n";
        var error = Assert.Single(Assert.Throws<InputException>(() => InteractionTable.Read(new StringReader(text), "t.tsv")).Errors);
        Assert.Equal(InputIssueCodes.TableHeader, error.Code);
        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("then optionally except, consequence_en, mechanism_en, handling_en", error.Message, StringComparison.Ordinal);
        Assert.Equal("t.tsv", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(TableHeader.Length + 2 + offset, error.Column);
    }

    [Theory]
    [InlineData("a\tb\tseverity\tconsequence_en\tmechanism\thandling\tevidence\treference\tsource", "Column 4 is 'consequence_en' where 'consequence' is expected.", 14)]
    [InlineData("a\tb\tseverity", "The header has 3 of the 9 required columns.", 13)]
    public void InteractionTable_HeaderWithoutTheRequiredColumnsInOrder_IsRefusedAtTheFirstWrongColumn(string header, string problem, int column)
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => InteractionTable.Read(new StringReader(header + "\n"), "t.tsv")).Errors);
        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void InteractionTable_BadExceptCellBeforeTheEnglishColumns_IsRefusedAtItsColumn()
    {
        var row = "L04AX03\tM01A*\tcaution\tx\t\t\t\t\t\troute:skin-ish\tMethotrexate toxicity";
        var error = Assert.Single(Assert.Throws<InputException>(() => InteractionTable.Read(new StringReader(TableHeader + "\texcept\tconsequence_en\n" + row + "\n"), "t.tsv")).Errors);
        Assert.Contains("'skin-ish' is not a canonical route", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Equal(row.IndexOf("route:", StringComparison.Ordinal) + 1, error.Column);
    }

    [Fact]
    public void InteractionTable_RowAndRuleExceptions_LeaveOutRoutesFormsAndCodes()
    {
        using var harness = new RuleHarness(
            ("table.yaml", Rule("T-14", "interaction-table", "info", "table: pairs.tsv\nexcept: { route: [inhalation] }")),
            ("pairs.tsv", TableHeader + "\texcept\n" +
                "L04AX03\tM01A*\tcaution\tMetotreksattoksisitet\t\t\t2\t\ttest\troute:topical; atc:M01AX*\n" +
                "C07AA05\tR03AC*\tcaution\tBronkospasme\t\t\t2\t\ttest\t\n"));
        var host = new RuleSetHost(harness.Load());
        IReadOnlyList<Finding> Findings(params string[] medications)
        {
            var support = harness.Patient(host: host);
            support.Apply(RuleHarness.GpList(medications));
            return support.Findings;
        }

        Assert.Equal("Metotreksattoksisitet", Assert.Single(Findings("metotreksat 10 mg", "Ibux 400 mg")).Message.Nb);
        Assert.Empty(Findings("metotreksat 10 mg", "Voltaren gel||topical")); // the row's route exception
        Assert.Empty(Findings("metotreksat 10 mg", "glukosamin 1500 mg")); // the row's ATC exception
        Assert.Equal("Bronkospasme", Assert.Single(Findings("Inderal 40 mg", "salbutamol 4 mg tablett")).Message.Nb);
        Assert.Empty(Findings("Inderal 40 mg", "salbutamol inhalasjonsaerosol||inhalation")); // the rule's exception, for every row
    }

    [Theory]
    [InlineData("route:skin-ish", "'skin-ish' is not a canonical route")]
    [InlineData("form:tablets", "'tablets' is not a canonical form")]
    [InlineData("atc:M0", "'M0' is not an ATC code or prefix")]
    [InlineData("topical", "'topical' is not an exception: write kind:value,value")]
    public void InteractionTable_BadExceptCell_IsRefusedWithLineAndColumn(string cell, string problem)
    {
        var text = TableHeader + "\texcept\nL04AX03\tM01A*\tcaution\tx\t\t\t\t\t\t" + cell + "\n";
        var error = Assert.Single(Assert.Throws<InputException>(() => InteractionTable.Read(new StringReader(text), "t.tsv")).Errors);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Equal(text.Split('\n')[1].Length - cell.Length + 1, error.Column);
    }

    [Fact]
    public void InteractionTable_RuleExceptWithAnUnknownRoute_IsAnErrorOfTheRuleFile()
    {
        using var harness = new RuleHarness(
            ("table.yaml", Rule("T-15", "interaction-table", "info", "table: pairs.tsv\nexcept: { route: [eyes] }")),
            ("pairs.tsv", TableHeader + "\nL04AX03\tM01A*\tcaution\tx\t\t\t\t\t\n"));
        var error = Assert.Single(Assert.Throws<InputException>(harness.Load).Errors);
        Assert.Contains("'eyes' is not a canonical route", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("table.yaml", error.File, StringComparison.Ordinal);
    }
}
