using MedEngine.Rules;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>What `rules check` reports: syntax, unknown keys and codes, duplicate ids, conditions that can never hold.</summary>
public sealed class RuleFilesTests
{
    private static IReadOnlyList<MedEngine.InputError> Errors(params (string Name, string Content)[] files)
    {
        using var harness = new RuleHarness(files);
        return Assert.Throws<InputException>(() => RuleFiles.Read(harness.Directory, TestKnowledge.Shipped)).Errors;
    }

    [Fact]
    public void BrokenFile_YieldsAllItsErrorsWithPositions()
    {
        var errors = Errors(("broken.yaml", """
            id: X-1
            version: one
            kind: interaction
            title: "only one language"
            message: { nb: "m", en: "m" }
            severity: dangerous
            colour: red
            between:
              - { atc: [B01AA03] }
              - { atc: ["not-a-code"], names: [unobtainium] }
            modifiers:
              - { when: { patient: { age: ">= 200" } }, raise: 1 }
            """));
        Assert.Contains(errors, e => e.Line == 2 && e.Message.Contains("'version' must be a whole number from 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("both languages", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Column == 11 && e.Message.Contains("dangerous", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("Unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 10 && e.Message.Contains("not-a-code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 10 && e.Message.Contains("unobtainium", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 12 && e.Message.Contains("can never hold", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.EndsWith("broken.yaml", e.File, StringComparison.Ordinal));
    }

    private const string ValidRule = """
        id: X-1
        version: 1
        kind: drug-patient
        title: { nb: "t", en: "t" }
        message: { nb: "m", en: "m" }
        severity: caution
        drug: { atc: [B01AA03] }
        patient: { age: ">= 65" }

        """;

    [Theory]
    [InlineData(1_000, "Nested deeper than 32")]
    [InlineData(200_000, "Nested deeper than 32")]
    public void DeeplyNestedYaml_IsRefusedBeforeLoading_NoStackOverflow(int depth, string message)
    {
        var error = Assert.Single(Errors(("deep.yaml", ValidRule + "tags: " + new string('[', depth) + new string(']', depth) + "\n")));
        Assert.Equal(InputIssueCodes.RuleFileLimit, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tags: &t [a]\nauthor: *t\n", "An anchor (&t)")]
    [InlineData("author: *nothing\n", "An alias (*nothing)")]
    public void AnchorsAndAliases_AreRefused(string yaml, string message)
    {
        var error = Assert.Single(Errors(("alias.yaml", ValidRule + yaml)));
        Assert.Equal(InputIssueCodes.RuleFileLimit, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOverOneMebibyte_IsRefused()
    {
        var error = Assert.Single(Errors(("big.yaml", ValidRule + "author: \"" + new string('x', RuleFileLimits.MaxChars) + "\"\n")));
        Assert.Equal(InputIssueCodes.RuleFileLimit, error.Code);
    }

    [Theory]
    [InlineData("version: 1", "version: 99999999999999999999")]
    [InlineData("version: 1", "version: 0")]
    [InlineData("version: 1", "version: -3")]
    [InlineData("version: 1", "version: 1.5")]
    [InlineData("patient: { age: \">= 65\" }", "patient: { age: \">= 65\" }\nmodifiers: [ { when: { patient: { age: \">= 70\" } }, raise: 99999999999 } ]")]
    [InlineData("id: X-1", "id: ~")]
    public void IntegersOutOfRangeAndNullIds_AreErrors_NeverAnOverflow(string from, string to)
    {
        var errors = Errors(("ints.yaml", ValidRule.Replace(from, to, StringComparison.Ordinal)));
        Assert.Contains(errors, e => e.Code is InputIssueCodes.RuleInvalidValue or InputIssueCodes.RuleRequired);
    }

    [Fact]
    public void AKeyWithoutANameInsideAList_WhichTheYamlParserThrowsArgumentFor_IsASyntaxError()
    {
        // Found by the rule-file fuzz run: "- " replaced by ": " in a list of references.
        var error = Assert.Single(Errors(("odd.yaml", ValidRule + "references:\n  : \"b\"\ntags: [x]\n")));
        Assert.Equal(InputIssueCodes.RuleYamlSyntax, error.Code);
        Assert.EndsWith("odd.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void AConstructTheYamlParserThrowsInvalidOperationFor_IsASyntaxError()
    {
        var yaml = ValidRule.Replace("patient: { age: \">= 65\" }", "patient: { age: \">= 65\" } }", StringComparison.Ordinal);
        Assert.Equal(InputIssueCodes.RuleYamlSyntax, Assert.Single(Errors(("odd.yaml", yaml))).Code);
    }

    [Fact]
    public void ARuleFileThatIsNotUtf8_IsRefused()
    {
        using var harness = new RuleHarness(("ok.yaml", ValidRule));
        File.WriteAllBytes(Path.Combine(harness.Directory, "latin1.yaml"), [.. System.Text.Encoding.UTF8.GetBytes(ValidRule.Replace("X-1", "X-2", StringComparison.Ordinal)), .. "author: Bj"u8, 0xF8, .. "rn\n"u8]);
        var error = Assert.Single(Assert.Throws<InputException>(() => RuleFiles.Read(harness.Directory, TestKnowledge.Shipped)).Errors);
        Assert.Equal(InputIssueCodes.FileNotUtf8, error.Code);
        Assert.EndsWith("latin1.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatVanishesWhileTheFolderIsRead_IsAnErrorOfTheReload_TheOldSetStays()
    {
        using var harness = new RuleHarness(("ok.yaml", ValidRule));
        var host = new RuleSetHost(RuleSet.Load(harness.Directory, TestKnowledge.Shipped, TimeProvider.System));
        var before = host.Current;
        File.CreateSymbolicLink(Path.Combine(harness.Directory, "gone.yaml"), Path.Combine(harness.Directory, "missing-target.yaml"));
        var errors = host.Reload(harness.Directory, TestKnowledge.Shipped, TimeProvider.System);
        Assert.Equal(InputIssueCodes.FileMissing, Assert.Single(errors).Code);
        Assert.Same(before, host.Current);
    }

    [Fact]
    public void YamlSyntaxError_HasLineAndColumn()
    {
        var error = Assert.Single(Errors(("bad.yaml", "id: X\nkind: [unclosed\n")));
        Assert.StartsWith("YAML syntax", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void DuplicateIds_AcrossFiles_AreErrors()
    {
        var rule = RuleKindTests.Rule("DUP-1", "drug-patient", "info", "drug: { atc: [B01AA03] }\npatient: { age: \">= 65\" }");
        var error = Assert.Single(Errors(("a.yaml", rule), ("b/b.yaml", rule)));
        Assert.Contains("Duplicate rule id 'DUP-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_keys_severities_kinds_and_substances_get_a_did_you_mean()
    {
        var errors = Errors(
            ("a.yaml", RuleKindTests.Rule("A-1", "interaction", "cauton", "between:\n  - { names: [warfarn] }\n  - { atc: [M01AE01] }\nmodifers: []")),
            ("b.yaml", RuleKindTests.Rule("B-1", "interactoin", "info", "between: []")));
        Assert.Contains(errors, e => e.Message.Contains("Unknown severity 'cauton'. Did you mean 'caution'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Unknown substance name 'warfarn': it is not in the knowledge base. Did you mean 'warfarin'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Unknown key 'modifers' in a rule of kind interaction. Did you mean 'modifiers'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Unknown kind 'interactoin'. Did you mean 'interaction'?", StringComparison.Ordinal));
        Assert.Contains(Errors(("c.yaml", RuleKindTests.Rule("C-1", "interaction", "caution", "between:\n  - { names: [zzqqxx] }\n  - { atc: [M01AE01] }"))),
            e => e.Message.EndsWith("'zzqqxx': it is not in the knowledge base.", StringComparison.Ordinal)); // nothing alike: no guess
    }

    [Fact]
    public void A_tab_or_syntax_error_is_at_its_true_line_and_hides_no_other_error_of_the_file_or_of_other_files()
    {
        var first = RuleKindTests.Rule("T-1", "drug-patient", "cauton", "drug: { atc: [M01AE01] }\npatient: { age: \">= 65\" }");
        var second = RuleKindTests.Rule("T-2", "drug-patient", "info", "drug: { atc: [M01AE01] }\npatient:\n\tage: \">= 65\"");
        var third = RuleKindTests.Rule("T-3", "drug-patient", "info", "drug: { atc: [M01AE01] }\npatient: { age: \">= 65\" }\ncolour: red");
        var errors = Errors(("t.yaml", $"{first}\n---\n{second}\n---\n{third}\n"), ("u.yaml", RuleKindTests.Rule("U-1", "drug-patient", "avoid", "drug: { names: [warfarn] }\npatient: { age: \">= 65\" }")));
        var tab = Assert.Single(errors, e => e.Code == MedEngine.InputIssueCodes.RuleYamlSyntax);
        Assert.Equal(first.Split('\n').Length + 1 + second.Split('\n').Length, tab.Line); // the tab's line in the file
        Assert.Contains("tab", tab.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(errors, e => e.File.EndsWith("t.yaml", StringComparison.Ordinal) && e.Line == 6 && e.Message.Contains("'cauton'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("t.yaml", StringComparison.Ordinal) && e.Message.Contains("Unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("u.yaml", StringComparison.Ordinal) && e.Message.Contains("'warfarn'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_example_whose_medication_does_not_resolve_fails_with_that_reason()
    {
        using var harness = new RuleHarness(("e.yaml", RuleKindTests.Rule("E-1", "drug-patient", "caution", """
            drug: { atc: [M01AE01] }
            patient: { age: ">= 65" }
            examples:
              - { name: "vacuous", patient: { age: 80 }, medications: [Unobtainium 5 mg tablett], expect: { fires: false } }
              - { name: "real", patient: { age: 80 }, medications: [Paracet 500 mg tablett], expect: { fires: false } }
            """)));
        var rules = RuleSet.Load(harness.Directory, TestKnowledge.Shipped, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(RuleHarness.Now));
        var results = new RuleExampleRunner(TestKnowledge.Shipped, rules, TimeProvider.System).RunAll();
        var vacuous = results.Single(r => r.Example.Name == "vacuous");
        Assert.False(vacuous.Passed);
        Assert.Equal("did not fire, but medication did not resolve: Unobtainium 5 mg tablett", vacuous.Actual);
        Assert.True(results.Single(r => r.Example.Name == "real").Passed);
    }

    [Fact]
    public void UnknownAtcCode_AgainstTheKnowledgeBase_IsAnError() =>
        Assert.Contains("names no substance", Assert.Single(Errors(("u.yaml",
            RuleKindTests.Rule("U-1", "drug-patient", "info", "drug: { atc: [Z99ZZ99] }\npatient: { age: \">= 65\" }")))).Message, StringComparison.Ordinal);

    [Fact]
    public void UnknownAtcCode_InWhatAMissingTherapyRuleTakes_IsAnError() =>
        Assert.Contains("'Z99ZZ99' names no substance", Assert.Single(Errors(("u.yaml",
            RuleKindTests.Rule("U-2", "missing-therapy", "info", "taking: [{ atc: [Z99ZZ99] }]\nmissing: { atc: [A06A*] }")))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("drug-lab", "drug: { atc: [A10BA02] }\nlab: { test: egfr, below: 0 }")]
    [InlineData("drug-lab", "drug: { atc: [A10BA02] }\nlab: { test: egfr, below: 30, above: 60 }")]
    [InlineData("drug-patient", "drug: { atc: [\"M01A*\"], except: { atc: [\"M01*\"] } }\npatient: { age: \">= 65\" }")]
    [InlineData("drug-patient", "drug: { atc: [A10BA02] }\npatient: { weight: \"< 0\" }")]
    public void ConditionsThatCanNeverHold_AreErrors(string kind, string body) =>
        Assert.Contains(Errors(("n.yaml", RuleKindTests.Rule("N-1", kind, "info", body))), e => e.Message.Contains("never", StringComparison.Ordinal));

    [Fact]
    public void ShippedRules_CheckWithoutErrors() =>
        Assert.NotEmpty(RuleFiles.Read(Path.Combine(RepositoryPaths.Root, "rules"), TestKnowledge.Shipped));
}

/// <summary>The pharmacists' examples in the shipped rule files, run as `medengine rules test` runs them.</summary>
public sealed class ShippedRuleExampleTests
{
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Time = new(RuleHarness.Now);
    private static readonly Lazy<RuleSet> Shipped = new(() => RuleSet.Load(Path.Combine(RepositoryPaths.Root, "rules"), TestKnowledge.Shipped, Time));

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleFiles.Read(Path.Combine(RepositoryPaths.Root, "rules"), TestKnowledge.Shipped))
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryExample_Passes(string ruleId)
    {
        var rule = Assert.Single(Shipped.Value.Rules, r => r.Id == ruleId);
        Assert.NotEmpty(rule.Examples);
        var runner = new RuleExampleRunner(TestKnowledge.Shipped, Shipped.Value, Time);
        Assert.All(rule.Examples.Select(e => runner.Run(rule, e)), r => Assert.True(r.Passed, $"{r.Example.Name}: {r.Actual}"));
    }
}
