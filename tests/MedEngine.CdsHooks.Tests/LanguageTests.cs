using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedEngine.Rules;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>
/// One language per card: a Norwegian card holds no word that the rule files write only in English, and an English card no
/// word they write only in Norwegian. References are citations and stay in the language they were published in.
/// </summary>
public sealed partial class LanguageTests
{
    [Fact]
    public async Task A_norwegian_card_has_no_english_from_the_rule_files()
    {
        var card = await WarfarinNsaidCardAsync("nb");
        Assert.Contains("**Alvorlighet:** kontraindisert (fra bør unngås; hevet 1 trinn: 65 år eller eldre)", card, StringComparison.Ordinal);
        AssertNoEnglish(card);
    }

    [Fact]
    public async Task An_english_card_has_no_norwegian_from_the_rule_files()
    {
        var card = await WarfarinNsaidCardAsync("en");
        Assert.Contains("**Severity:** contraindicated (from avoid; raised 1 step: age 65 or over)", card, StringComparison.Ordinal);
        AssertNoNorwegian(card);
    }

    [Fact]
    public async Task A_norwegian_card_from_an_interaction_table_row_has_no_english()
    {
        var card = await AzathioprineAllopurinolCardAsync("nb");
        Assert.Contains("azatioprin + allopurinol", card, StringComparison.Ordinal);
        Assert.Contains("Økt azatioprin/6-merkaptopurin-effekt; alvorlig benmargssuppresjon.", card, StringComparison.Ordinal);
        Assert.Contains("azatioprindosen reduseres til 1/4", card, StringComparison.Ordinal);
        AssertNoEnglish(card);
    }

    [Fact]
    public async Task An_english_card_from_an_interaction_table_row_has_no_norwegian()
    {
        var card = await AzathioprineAllopurinolCardAsync("en");
        Assert.Contains("azathioprine + allopurinol", card, StringComparison.Ordinal);
        Assert.Contains("Increased azathioprine/6-mercaptopurine effect; severe bone marrow suppression.", card, StringComparison.Ordinal);
        Assert.Contains("**Mechanism:** Inhibition of xanthine oxidase.", card, StringComparison.Ordinal);
        Assert.Contains("reduce the azathioprine dose to 1/4", card, StringComparison.Ordinal);
        AssertNoNorwegian(card);
    }

    [Fact]
    public void Every_row_of_the_shipped_interaction_tables_has_each_text_in_both_languages()
    {
        foreach (var table in Tables())
        {
            Assert.All(table.Rows, row => Assert.True(
                (row.Consequence.Length > 0, row.Mechanism.Length > 0, row.Handling.Length > 0) == (row.ConsequenceEn.Length > 0, row.MechanismEn.Length > 0, row.HandlingEn.Length > 0),
                $"{table.File} line {row.Line}: a text in one language only"));
        }
    }

    [Fact]
    public void Every_row_of_the_shipped_interaction_tables_writes_each_language_in_its_own_columns()
    {
        // Words both languages spell the same, which the YAML texts happen to use in one language only, tell nothing.
        string[] shared = ["hypertensive", "under"];
        var nb = YamlWords.Value.Nb.Except(shared).ToHashSet(StringComparer.Ordinal);
        var en = YamlWords.Value.En.Except(shared).ToHashSet(StringComparer.Ordinal);
        foreach (var table in Tables())
        {
            foreach (var row in table.Rows)
            {
                Assert.True(row.Consequence.Length > 0 && row.ConsequenceEn.Length > 0, $"{table.File} line {row.Line}: no consequence in one language");
                var norwegian = Words($"{row.ConsequenceEn} {row.MechanismEn} {row.HandlingEn}").Where(w => nb.Contains(w) && !en.Contains(w)).Distinct().ToList();
                var english = Words($"{row.Consequence} {row.Mechanism} {row.Handling}").Where(w => en.Contains(w) && !nb.Contains(w)).Distinct().ToList();
                Assert.True(norwegian.Count == 0, $"{table.File} line {row.Line}: Norwegian in the English columns: {string.Join(", ", norwegian)}");
                Assert.True(english.Count == 0, $"{table.File} line {row.Line}: English in the Norwegian columns: {string.Join(", ", english)}");
            }
        }
    }

    /// <summary>The interaction tables under <c>rules/</c>.</summary>
    private static List<InteractionTable> Tables()
    {
        var tables = Directory.EnumerateFiles(RepositoryPaths.Rules, "*.tsv", SearchOption.AllDirectories).Select(InteractionTable.Load).ToList();
        Assert.NotEmpty(tables);
        return tables;
    }

    private static void AssertNoEnglish(string card)
    {
        var (nb, en) = RuleFileWords.Value;
        var english = Words(card).Where(w => en.Contains(w) && !nb.Contains(w)).Distinct().ToList();
        Assert.True(english.Count == 0, "English in the Norwegian card: " + string.Join(", ", english));
    }

    private static void AssertNoNorwegian(string card)
    {
        var (nb, en) = RuleFileWords.Value;
        var norwegian = Words(card).Where(w => nb.Contains(w) && !en.Contains(w)).Distinct().ToList();
        Assert.True(norwegian.Count == 0, "Norwegian in the English card: " + string.Join(", ", norwegian));
    }

    [Fact]
    public async Task The_reconciliation_card_counts_in_singular_and_plural()
    {
        await using var host = await ServiceHost.StartAsync(o => o.Language = "nb");
        var request = Requests.WarfarinIbuprofenSelect("p-count");
        request["hook"] = "patient-view";
        request["context"]!.AsObject().Remove("selections");
        request["context"]!.AsObject().Remove("draftOrders");
        var (status, body) = await host.PostAsync("/cds-services/medengine-patient-view", request.ToJsonString());
        Assert.Equal(200, status);
        var summary = body!["cards"]!.AsArray().Select(c => c!["summary"]!.GetValue<string>()).Single(s => s.StartsWith("Samstemming:", StringComparison.Ordinal));
        Assert.StartsWith("Samstemming: 1 legemiddel, 1 kilde, 0 avvik", summary, StringComparison.Ordinal);
    }

    /// <summary>The summary and detail of the warfarin + ibuprofen card for an 80-year-old, without its references.</summary>
    private static Task<string> WarfarinNsaidCardAsync(string language) =>
        CardAsync(language, Requests.WarfarinIbuprofenSelect("p-" + language), "MEDENGINE-DDI-0001");

    /// <summary>The card of an interaction table row (MEDENGINE-DDI-0100): allopurinol drafted while azathioprine is on the list.</summary>
    private static Task<string> AzathioprineAllopurinolCardAsync(string language) =>
        CardAsync(language, Requests.OrderSelect("p-table-" + language, "enc-1", Requests.MedicationRequest("rx-azathioprine", "Imurel 50 mg tablett"), Requests.MedicationRequest("draft-allopurinol", "Zyloric 100 mg tablett", "draft")), "MEDENGINE-DDI-0100");

    /// <summary>The summary and detail of one rule's card in an order-select answer, without its references.</summary>
    private static async Task<string> CardAsync(string language, JsonObject request, string ruleId)
    {
        await using var host = await ServiceHost.StartAsync(o => o.Language = language);
        var (status, body) = await host.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.Equal(200, status);
        var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == ruleId)!;
        var detail = card["detail"]!.GetValue<string>();
        var references = detail.IndexOf(language == "nb" ? "**Referanser:**" : "**References:**", StringComparison.Ordinal);
        Assert.True(references > 0, "the card lists its references");
        var rule = detail.IndexOf("_Regel ", StringComparison.Ordinal) is var r and >= 0 ? r : detail.IndexOf("_Rule ", StringComparison.Ordinal);
        return card["summary"]!.GetValue<string>() + "\n" + detail[..references] + detail[rule..];
    }

    /// <summary>Every word of the <c>nb</c> texts and of the <c>en</c> texts of the YAML rule files.</summary>
    private static readonly Lazy<(HashSet<string> Nb, HashSet<string> En)> YamlWords = new(() =>
    {
        var nb = new HashSet<string>(StringComparer.Ordinal);
        var en = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (Match text in LocalizedValue().Matches(File.ReadAllText(file)))
            {
                (text.Groups["language"].Value == "nb" ? nb : en).UnionWith(Words(text.Groups["text"].Value));
            }
        }

        return (nb, en);
    });

    /// <summary>
    /// Every word of the rule files' texts by language: the <c>nb</c> and <c>en</c> texts of the YAML files, and the Norwegian
    /// (<c>consequence</c>, <c>mechanism</c>, <c>handling</c>) and English (<c>consequence_en</c>, <c>mechanism_en</c>,
    /// <c>handling_en</c>) columns of the interaction tables.
    /// </summary>
    private static readonly Lazy<(HashSet<string> Nb, HashSet<string> En)> RuleFileWords = new(() =>
    {
        var nb = new HashSet<string>(YamlWords.Value.Nb, StringComparer.Ordinal);
        var en = new HashSet<string>(YamlWords.Value.En, StringComparer.Ordinal);
        foreach (var row in Tables().SelectMany(t => t.Rows))
        {
            nb.UnionWith(Words($"{row.Consequence} {row.Mechanism} {row.Handling}"));
            en.UnionWith(Words($"{row.ConsequenceEn} {row.MechanismEn} {row.HandlingEn}"));
        }

        Assert.True(en.Count > 1000 && nb.Count > 1000, $"the rule files give texts in both languages ({nb.Count} nb, {en.Count} en words)");
        return (nb, en);
    });

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"\b(?<language>nb|en):\s*(?:""(?<text>(?:[^""\\]|\\.)*)""|(?<text>[^,}\n""][^,}\n]*))")]
    private static partial Regex LocalizedValue();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();
}
