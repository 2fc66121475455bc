using System.Text.Json.Nodes;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>
/// Replays every HL7 PDDI-CDS test request (../shared/data/pddi-cds-hooks/input/images/requests) over real HTTP and checks the
/// cards testdata.md and the PDDI PlanDefinitions call for, where MedEngine's shipped rules and knowledge base cover them.
/// </summary>
public sealed class PddiReplayTests(SharedService service) : IClassFixture<SharedService>
{
    private const string WarfarinNsaid = "MEDENGINE-DDI-0001";
    private readonly ServiceHost _host = service.Host;

    public static TheoryData<string> All => new(PddiRequests.Names);

    private async Task<JsonArray> CardsAsync(string name)
    {
        var request = PddiRequests.Load(name);
        var (status, body) = await _host.PostAsync("/cds-services/" + PddiRequests.ServiceFor(request), request.ToJsonString());
        Assert.True(status == 200, $"{name}: HTTP {status} {body?.ToJsonString()}");
        return body!["cards"]!.AsArray();
    }

    private static JsonNode? Card(JsonArray cards, string ruleId) => cards.FirstOrDefault(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == ruleId);

    private static JsonNode? CardAbout(JsonArray cards, string titleWord) =>
        cards.FirstOrDefault(c => c!["source"]!["topic"]!["display"]!.GetValue<string>().Contains(titleWord, StringComparison.OrdinalIgnoreCase));

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_request_is_answered_with_well_formed_cards_about_a_drafted_order(string name)
    {
        foreach (var card in await CardsAsync(name))
        {
            var summary = card!["summary"]!.GetValue<string>();
            Assert.True(summary.Length < 140, summary);
            Assert.Contains(card["indicator"]!.GetValue<string>(), new[] { "info", "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(card["source"]!["topic"]!["code"]!.GetValue<string>()));
            Assert.Equal("MedEngine", card["source"]!["label"]!.GetValue<string>());
            Assert.NotEmpty(card["overrideReasons"]!.AsArray());
            var detail = card["detail"]!.GetValue<string>();
            Assert.Contains("(draft order)", detail, StringComparison.Ordinal);
            Assert.Contains("**Handling:**", detail, StringComparison.Ordinal);
            Assert.True(Guid.TryParse(card["uuid"]!.GetValue<string>(), out _));
        }
    }

    [Fact]
    public async Task Scenario_1_topical_diclofenac_with_warfarin_sends_no_bleeding_card()
    {
        Assert.Null(Card(await CardsAsync("request-warfarin-nsaid-scenario-01.json"), WarfarinNsaid));
    }

    [Fact]
    public async Task Scenario_2_systemic_nsaid_with_warfarin_sends_the_card_and_a_ppi_lowers_it()
    {
        var card = Card(await CardsAsync("request-warfarin-nsaid-scenario-02.json"), WarfarinNsaid);
        Assert.NotNull(card);
        Assert.Contains("ibuprofen", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("warfarin", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Requests.Resolves("Rabeprazole sodium 20 MG Delayed Release Oral Tablet"));
        Assert.Contains("proton pump inhibitor", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("warning", card["indicator"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scenario_3_over_65_with_a_systemic_corticosteroid_is_raised_to_critical()
    {
        var card = Card(await CardsAsync("request-warfarin-nsaid-scenario-03.json"), WarfarinNsaid);
        Assert.NotNull(card);
        Assert.Equal("critical", card["indicator"]!.GetValue<string>());
        var detail = card["detail"]!.GetValue<string>();
        Assert.Contains("age 65 or over", detail, StringComparison.Ordinal);
        Assert.Contains("systemic corticosteroid", detail, StringComparison.Ordinal);
        Assert.Contains("dispensing", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_4_warfarin_given_as_a_medication_administration_with_a_past_ulcer_bleed_is_critical()
    {
        var card = Card(await CardsAsync("request-warfarin-nsaid-scenario-04.json"), WarfarinNsaid);
        Assert.NotNull(card);
        Assert.Contains("Warfarin Sodium 10 MG", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("history of gastrointestinal bleeding", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("critical", card["indicator"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scenario_5_warfarin_as_a_medication_statement_under_65_with_an_aldosterone_antagonist_is_critical()
    {
        var cards = await CardsAsync("request-warfarin-nsaid-scenario-05.json");
        var card = Card(cards, WarfarinNsaid);
        Assert.NotNull(card);
        Assert.Equal("critical", card["indicator"]!.GetValue<string>());
        Assert.Contains("aldosterone antagonist", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("age 65 or over", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warfarin-nsaids-order-select-coordination.json", true)]
    [InlineData("warfarin-nsaids-order-select-no-coordination.json", true)]
    [InlineData("warfarin-nsaids-order-sign-coordination.json", false)]
    [InlineData("warfarin-nsaids-order-sign-no-coordination.json", false)]
    [InlineData("multi-update-draft-orders-1.json", true)]
    [InlineData("multi-update-draft-orders-3.json", false)]
    public async Task Ketorolac_ordered_with_warfarin_sends_the_bleeding_card(string name, bool selectable)
    {
        var cards = await CardsAsync(name);
        var card = Card(cards, WarfarinNsaid);
        Assert.NotNull(card);
        if (selectable)
        {
            var action = card["suggestions"]![0]!["actions"]![0]!;
            Assert.Equal("delete", action["type"]!.GetValue<string>());
            Assert.Equal("MedicationRequest/ketorolac-draft-order-test", action["resourceId"]![0]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("digoxin-cyclosporine-order-select-coordination.json", true)]
    [InlineData("digoxin-cyclosporine-order-select-no-coordination.json", true)]
    [InlineData("digoxin-cyclosporine-order-sign-coordination.json", false)]
    [InlineData("digoxin-cyclosporine-order-sign-no-coordination.json", false)]
    [InlineData("multi-update-draft-orders-2.json", true)]
    [InlineData("multi-update-draft-orders-4.json", false)]
    public async Task Digoxin_ordered_with_ciclosporin_sends_the_digoxin_toxicity_card(string name, bool selectable)
    {
        var cards = await CardsAsync(name);
        var card = CardAbout(cards, "digoxin");
        Assert.NotNull(card);
        Assert.Contains("digoxin", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ciclosporin", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(card["indicator"]!.GetValue<string>(), new[] { "warning", "critical" });
        if (selectable)
        {
            var action = card["suggestions"]![0]!["actions"]![0]!;
            Assert.Equal("delete", action["type"]!.GetValue<string>());
            Assert.Equal("MedicationRequest/digoxin-order-select-test", action["resourceId"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task With_two_drafts_order_select_only_reports_on_the_selected_one()
    {
        // multi-update-2 drafts ketorolac and digoxin but selects digoxin: no card may be about ketorolac alone.
        foreach (var card in await CardsAsync("multi-update-draft-orders-2.json"))
        {
            Assert.Contains("Digoxin 0.2 MG Oral Capsule", card!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("request-digoxin-cyclosporine-scenario-01.json")]
    [InlineData("request-digoxin-cyclosporine-scenario-02.json")]
    [InlineData("request-digoxin-cyclosporine-scenario-03.json")]
    [InlineData("request-digoxin-cyclosporine-scenario-04.json")]
    public async Task Modified_cyclosporine_with_digoxin_sends_the_digoxin_card(string name)
    {
        var cards = await CardsAsync(name);
        Assert.NotNull(CardAbout(cards, "digoxin"));
    }
}
