using System.Text.RegularExpressions;
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
        var (nb, en) = RuleFileWords();
        var card = await WarfarinNsaidCardAsync("nb");
        Assert.Contains("**Alvorlighet:** kontraindisert (fra bør unngås; hevet 1 trinn: 65 år eller eldre)", card, StringComparison.Ordinal);
        var english = Words(card).Where(w => en.Contains(w) && !nb.Contains(w)).Distinct().ToList();
        Assert.True(english.Count == 0, "English in the Norwegian card: " + string.Join(", ", english));
    }

    [Fact]
    public async Task An_english_card_has_no_norwegian_from_the_rule_files()
    {
        var (nb, en) = RuleFileWords();
        var card = await WarfarinNsaidCardAsync("en");
        Assert.Contains("**Severity:** contraindicated (from avoid; raised 1 step: age 65 or over)", card, StringComparison.Ordinal);
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
    private static async Task<string> WarfarinNsaidCardAsync(string language)
    {
        await using var host = await ServiceHost.StartAsync(o => o.Language = language);
        var (status, body) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-" + language).ToJsonString());
        Assert.Equal(200, status);
        var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001")!;
        var detail = card["detail"]!.GetValue<string>();
        var references = detail.IndexOf(language == "nb" ? "**Referanser:**" : "**References:**", StringComparison.Ordinal);
        Assert.True(references > 0, "the card lists its references");
        var rule = detail.IndexOf("_Regel ", StringComparison.Ordinal) is var r and >= 0 ? r : detail.IndexOf("_Rule ", StringComparison.Ordinal);
        return card["summary"]!.GetValue<string>() + "\n" + detail[..references] + detail[rule..];
    }

    /// <summary>Every word of the rule files' <c>nb</c> texts and of their <c>en</c> texts.</summary>
    private static (HashSet<string> Nb, HashSet<string> En) RuleFileWords()
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

        Assert.True(en.Count > 1000 && nb.Count > 1000, $"the rule files give texts in both languages ({nb.Count} nb, {en.Count} en words)");
        return (nb, en);
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"\b(?<language>nb|en):\s*(?:""(?<text>(?:[^""\\]|\\.)*)""|(?<text>[^,}\n""][^,}\n]*))")]
    private static partial Regex LocalizedValue();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();
}
