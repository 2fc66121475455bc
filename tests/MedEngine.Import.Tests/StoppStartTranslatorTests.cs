using System.Reflection;
using MedEngine.Import.StoppStart;
using MedEngine.Knowledge;
using MedEngine.Findings;
using MedEngine.Rules;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Import.Tests;

/// <summary>
/// The STOPP/START v2 translator: small criteria written in the shape of Huibers' <c>stoppstart.xsd</c>, and the real
/// file from ../shared/data (LGPL-3.0), whose output must load, check and pass its examples.
/// </summary>
public sealed class StoppStartTranslatorTests(ITestOutputHelper output)
{
    private static readonly FileKnowledgeBase Knowledge = FileKnowledgeBase.LoadShipped();

    [Fact]
    public void Codings_of_one_diagnosis_become_one_drug_condition_rule_and_the_Dutch_coding_is_left_out()
    {
        var (result, directory) = Translate(Rule("STOPP J2", "Stop pioglitazone in heart failure.",
            Iteration(1, Episode("icpc1nl", "K77"), Medicine("A10BG03"), Stop("A10BG03")),
            Iteration(2, Episode("icpc2", "K77"), Medicine("A10BG03"), Stop("A10BG03")),
            Iteration(4, Episode("icd10", "I50", regex: true), Medicine("A10BG03"), Stop("A10BG03"))));

        Assert.Equal(1, result.Counts["criteria translated fully"]);
        Assert.Equal(1, result.Counts["iterations coded in ICPC-1-NL or ICD-9 (left out: other codings of an ICPC-2 or ICD-10 iteration)"]);
        var rule = Assert.Single(Load(directory));
        Assert.Equal("STOPP2-J2", rule.Id);
        Assert.Equal("drug-condition", rule.Kind);
        Assert.Equal(Severity.Caution, rule.Severity);
        Assert.Equal(["icpc2:K77", "icd10:I50*"], ((DrugPatientCondition)rule.Condition).Patient.Conditions);
        Assert.Equal("[Ikke oversatt] Stop pioglitazone in heart failure.", rule.Message.Nb);
        Assert.Contains("stopp", rule.Tags);
        Assert.Contains(rule.References, r => r.Contains("doi:10.1016/j.ijmedinf.2018.12.010", StringComparison.Ordinal));
        Assert.Contains("LGPL-3.0", File.ReadAllText(Path.Combine(directory, "stopp2-j2.yaml")), StringComparison.Ordinal);
        AllExamplesPass(directory);
    }

    [Fact]
    public void A_combination_without_a_protective_drug_is_an_interaction_lowered_by_that_drug_and_partial()
    {
        var (result, directory) = Translate(Rule("STOPP C11", "Stop NSAID with antiplatelet without PPI.",
            Iteration(1, Medicine("B01AC04"), Medicine("A02BC*", negative: true), Medicine("M01AE01"), Stop("M01AE01"))));

        Assert.Equal(1, result.Counts["criteria translated partly"]);
        Assert.Equal(1, result.SkippedByReason["translated partly: " + Losses.WithoutAsModifier]);
        var rule = Assert.Single(Load(directory));
        Assert.Equal("interaction", rule.Kind);
        Assert.Equal(-1, Assert.Single(rule.Modifiers).Steps);
        AllExamplesPass(directory);
    }

    [Fact]
    public void A_START_criterion_is_a_missing_therapy_suggestion_with_the_absent_drugs_joined()
    {
        var (result, directory) = Translate(Rule("START A1", "Start anticoagulation in atrial fibrillation.",
            Iteration(2, Episode("icpc2", "K78"), Medicine("B01AA*", negative: true), Medicine("B01AF*", negative: true), Start("B01AA*"))));

        Assert.Equal(1, result.Counts["criteria translated fully"]);
        var rule = Assert.Single(Load(directory));
        Assert.Equal(("START2-A1", "missing-therapy", Severity.Info), (rule.Id, rule.Kind, rule.Severity));
        Assert.Equal(["B01AA*", "B01AF*"], ((MissingTherapyCondition)rule.Condition).Missing.Include);
        AllExamplesPass(directory);
    }

    [Fact]
    public void A_daily_dose_is_a_dose_limit_and_an_eGFR_threshold_a_drug_lab_rule()
    {
        var (_, directory) = Translate(
            Rule("STOPP C1", "Aspirin above 160 mg a day.", Iteration(1, Medicine("B01AC06", dose: ("MG", "160")), Stop("B01AC06"))),
            Rule("STOPP E6", "Metformin with eGFR below 30.", Iteration(1, Measurement("62238-1", "<", "30"), Medicine("A10BA02"), Stop("A10BA02"))));

        var rules = Load(directory);
        Assert.Equal(160m, ((DoseLimitCondition)rules.Single(r => r.Id == "STOPP2-C1").Condition).Bands.Single().MaxDailyMg);
        Assert.Equal(new LabCriterion("egfr", 30m, null, null), ((DrugLabCondition)rules.Single(r => r.Id == "STOPP2-E6").Condition).Lab);
        AllExamplesPass(directory);
    }

    [Fact]
    public void Two_drugs_of_one_class_are_a_duplicate_and_a_duration_is_left_out()
    {
        var (result, directory) = Translate(
            Rule("STOPP A3", "Two NSAIDs.", Iteration(1, Medicine("M01A*"), Medicine("M01A*"), Stop("M01A*"))),
            Rule("STOPP D5", "Benzodiazepines for more than 4 weeks.", Iteration(1, Medicine("N05BA*", duration: ("W", "4")), Stop("N05BA*"))));

        Assert.Equal("duplicate", Load(directory).Single(r => r.Id == "STOPP2-A3").Kind);
        Assert.Equal(1, result.SkippedByReason["translated partly: " + Losses.Duration]);
        AllExamplesPass(directory);
    }

    [Fact]
    public void What_the_format_or_the_knowledge_base_cannot_say_is_not_translated_with_the_reason()
    {
        var (result, directory) = Translate(
            Rule("START H2", "Laxative with opioids.", Iteration(1, Medicine("N02A*"), Medicine("A06A*", negative: true), Start("A06A*"))),
            Rule("STOPP B13", "PDE5 inhibitor with systolic pressure below 90.", Iteration(1, Measurement("8480-6", "<", "90"), Medicine("G04BE03"), Stop("G04BE03"))),
            Rule("STOPP C7", "Ticlopidine.", Iteration(1, Medicine("B01AC05"), Stop("B01AC05"))),
            Rule("STOPP K1", "Benzodiazepines.", Iteration(1, Medicine("N05BA*", "X99XX99"), Stop("N05BA*", "X99XX99"))));

        Assert.Equal(3, result.Counts["criteria not translated"]);
        Assert.Equal(1, result.SkippedByReason["not translated: " + Losses.StartTriggeredByMedicine]);
        Assert.Equal(1, result.SkippedByReason["not translated: " + Losses.LoincLab]);
        Assert.Equal(1, result.SkippedByReason["not translated: " + Losses.NoDrug]);
        Assert.Equal(1, result.SkippedByReason["translated partly: " + Losses.UnknownCodes]);
        var rule = Assert.Single(Load(directory));
        Assert.Equal(("STOPP2-K1", "drug-patient"), (rule.Id, rule.Kind));
        Assert.Equal(["N05BA*"], ((DrugPatientCondition)rule.Condition).Drug.Include);
        Assert.Contains("STOPP C7\tnot", File.ReadAllText(Path.Combine(directory, "translation.tsv")), StringComparison.Ordinal);
        AllExamplesPass(directory);
    }

    [Fact]
    public void A_narrower_iteration_adds_nothing_and_the_source_errata_are_corrected()
    {
        var (result, directory) = Translate(
            Rule("STOPP B12", "Aldosterone antagonist with ACE inhibitor.",
                Iteration(1, Medicine("C09AA05"), Medicine("C03DA01"), Stop("C03DA01")),
                Iteration(3, Medicine("C09AA05"), Measurement("2823-3", ">", "5"), Medicine("C03DA01"), Stop("C03DA01"))),
            Rule("STOPP D4", "SSRI with sodium below 130.", Iteration(1, Measurement("1996-8", "<", "130"), Medicine("N06AB04"), Stop("N06AB04"))));

        Assert.Equal(1, result.Counts["iterations implied by a broader one (left out)"]);
        Assert.Equal(2, result.Counts["criteria translated fully"]);
        Assert.Equal(new LabCriterion("sodium", 130m, null, null), ((DrugLabCondition)Load(directory).Single(r => r.Id == "STOPP2-D4").Condition).Lab);
    }

    [Fact]
    public void A_file_that_is_not_STOPP_START_XML_is_an_input_error()
    {
        var file = Path.Combine(Paths.TempDirectory(), "x.xml");
        File.WriteAllText(file, "<FEST/>");

        Assert.Throws<InputException>(() => StoppStartTranslator.Import(file, Paths.TempDirectory(), Knowledge));
    }

    [Fact]
    public void The_real_file_translates_33_fully_68_partly_and_11_not_and_the_rules_load_check_and_pass()
    {
        var directory = Paths.TempDirectory();

        var result = StoppStartTranslator.Import(RepositoryPaths.OpenData("stoppstart-v2", "stoppstart.xml"), directory, Knowledge);

        Figures.Report(output, result);
        Assert.Equal(112, result.Read);
        Assert.Equal((77, 35), (result.Counts["STOPP criteria"], result.Counts["START criteria"]));
        Assert.Equal((33, 68, 11), (result.Counts["criteria translated fully"], result.Counts["criteria translated partly"], result.Counts["criteria not translated"]));
        Assert.Equal(31, result.Counts["criteria translated partly only for ATC codes missing from the knowledge base"]);
        var rules = RuleFiles.Read(directory, Knowledge);
        Assert.Equal(result.Counts["rules written"], rules.Count);
        Assert.All(rules, r => Assert.True(r.Examples.Count > 0, r.Id));
        AllExamplesPass(directory);
        Assert.Contains("GNU LESSER GENERAL PUBLIC LICENSE", File.ReadAllText(Path.Combine(directory, "LICENSE.md")), StringComparison.Ordinal);
        Assert.Equal(112, File.ReadLines(Path.Combine(directory, "translation.tsv")).Count(l => l.StartsWith("ST", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_shipped_folder_loads_and_its_examples_pass()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "data", "stopp-start-v2");

        var rules = RuleFiles.Read(directory, Knowledge);

        Assert.Contains(rules, r => r.Id == "STOPP2-B4");
        AllExamplesPass(directory);
    }

    [Fact]
    public async Task The_command_medengine_import_stoppstart_writes_the_folder_and_prints_the_figures()
    {
        var directory = Paths.TempDirectory();
        var command = Type.GetType("MedEngine.Cli.CommandLine, MedEngine.Cli", throwOnError: true)!;
        var run = command.GetMethod("RunAsync", BindingFlags.Static | BindingFlags.Public)!;
        using var writer = new StringWriter();
        using var error = new StringWriter();

        var code = await (Task<int>)run.Invoke(null, [new[] { "import", "stoppstart", RepositoryPaths.OpenData("stoppstart-v2", "stoppstart.xml"), "--out", directory }, writer, error])!;

        Assert.Equal(0, code);
        Assert.Contains("criteria translated fully: 33", writer.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "stopp2-b4.yaml")));
    }

    private static void AllExamplesPass(string directory)
    {
        var rules = RuleSet.Load(directory, Knowledge, TimeProvider.System);
        var results = new RuleExampleRunner(Knowledge, rules, TimeProvider.System).RunAll();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Rule.Id} {r.Example.Name}: {r.Actual}"));
    }

    private static IReadOnlyList<ClinicalRule> Load(string directory) => RuleFiles.Read(directory, Knowledge);

    private static (ImportResult Result, string Directory) Translate(params string[] rules)
    {
        var file = Path.Combine(Paths.TempDirectory(), "stoppstart.xml");
        File.WriteAllText(file, $"""<?xml version="1.0" encoding="UTF-8"?><rules>{string.Concat(rules)}</rules>""");
        var directory = Paths.TempDirectory();
        return (StoppStartTranslator.Import(file, directory, Knowledge), directory);
    }

    private static string Rule(string id, string description, params string[] iterations) =>
        $"""<rule id="{id}"><description language="en">{description}</description>{string.Concat(iterations)}</rule>""";

    private static string Iteration(int priority, params string[] parts) =>
        $"""<iteration priority="{priority}">{string.Concat(parts)}</iteration>""";

    private static string Episode(string terminology, string code, bool regex = false) =>
        $"""<condition><episode negative="false"><terminology name="{terminology}">{Values("=", regex, code)}</terminology></episode></condition>""";

    private static string Medicine(string atc, bool negative = false, (string Unit, string Value)? dose = null, (string Interval, string Value)? duration = null) =>
        $"""<condition>{MedicineElement(negative, dose, duration, atc)}</condition>""";

    private static string Medicine(params string[] atc) => $"""<condition>{MedicineElement(false, null, null, atc)}</condition>""";

    private static string Measurement(string loinc, string op, string value) =>
        $"""<condition><measurement negative="false"><terminology name="loinc">{Values("=", false, loinc)}</terminology><result>{Values(op, false, value)}</result></measurement></condition>""";

    private static string Stop(params string[] atc) => $"""<action type="stop">{MedicineElement(false, null, null, atc)}</action>""";

    private static string Start(params string[] atc) => $"""<action type="start">{MedicineElement(false, null, null, atc)}</action>""";

    private static string MedicineElement(bool negative, (string Unit, string Value)? dose, (string Interval, string Value)? duration, params string[] atc)
    {
        var codes = string.Concat(atc.Select(a => $"""<value regex="{(a.EndsWith('*') ? "true" : "false")}">{System.Security.SecurityElement.Escape(a.TrimEnd('*'))}</value>"""));
        var qualifiers = (duration is { } d ? $"""<duration interval="{d.Interval}">{Values(">", false, d.Value)}</duration>""" : "")
            + (dose is { } x ? $"""<dose interval="D" unit="{x.Unit}">{Values(">", false, x.Value)}</dose>""" : "");
        return $"""<medicine negative="{(negative ? "true" : "false")}"><terminology name="atc"><values operator="=">{codes}</values></terminology>{qualifiers}</medicine>""";
    }

    private static string Values(string op, bool regex, string value) =>
        $"""<values operator="{System.Security.SecurityElement.Escape(op)}"><value regex="{(regex ? "true" : "false")}">{value}</value></values>""";
}
