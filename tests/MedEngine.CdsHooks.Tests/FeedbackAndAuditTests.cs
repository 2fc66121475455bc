using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>Feedback, overrides that keep a finding quiet for the same patient and context, and the audit trail across a restart.</summary>
public sealed class FeedbackAndAuditTests
{
    private const string Rule = "MEDENGINE-DDI-0001";

    private static JsonNode? BleedingCard(JsonNode body) =>
        body["cards"]!.AsArray().FirstOrDefault(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == Rule);

    private static string Override(string cardUuid) => new JsonObject
    {
        ["feedback"] = new JsonArray(new JsonObject
        {
            ["card"] = cardUuid,
            ["outcome"] = "overridden",
            ["overrideReason"] = new JsonObject
            {
                ["reason"] = new JsonObject { ["system"] = "https://medengine.no/fhir/CodeSystem/override-reason", ["code"] = "will-monitor", ["display"] = "Will monitor" },
                ["userComment"] = "Short course, INR on Friday",
            },
            ["outcomeTimestamp"] = "2026-11-26T10:00:00Z",
        }),
    }.ToJsonString();

    [Fact]
    public async Task An_overridden_finding_stays_quiet_for_the_same_patient_and_encounter_only()
    {
        await using var host = await ServiceHost.StartAsync();
        var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-A").ToJsonString());
        var card = BleedingCard(first!)!;
        var (status, _) = await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(card["uuid"]!.GetValue<string>()));
        Assert.Equal(200, status);

        var (_, again) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-A").ToJsonString());
        Assert.Null(BleedingCard(again!));
        var (_, otherEncounter) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-B").ToJsonString());
        Assert.NotNull(BleedingCard(otherEncounter!));
        var (_, otherPatient) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-other", "enc-A").ToJsonString());
        Assert.NotNull(BleedingCard(otherPatient!));

        var audit = host.Services.GetRequiredService<IAuditTrail>();
        var evaluations = await audit.EvaluationsAsync("p-override");
        Assert.Equal(3, evaluations.Count);
        Assert.Equal(FindingDisposition.Card, evaluations[0].Findings.Single(f => f.RuleId == Rule).Disposition);
        Assert.Equal(FindingDisposition.Overridden, evaluations[1].Findings.Single(f => f.RuleId == Rule).Disposition);
        Assert.Equal("enc-A", evaluations[1].Context);
        var feedback = Assert.Single(await audit.FeedbackAsync("p-override"));
        Assert.Equal("overridden", feedback.Outcome);
        Assert.Equal("will-monitor", feedback.OverrideReason);
        Assert.Equal("Short course, INR on Friday", feedback.Comment);
    }

    [Fact]
    public async Task Accepted_feedback_is_recorded_and_does_not_quiet_the_card()
    {
        await using var host = await ServiceHost.StartAsync();
        var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-accept").ToJsonString());
        var card = BleedingCard(first!)!;
        var accepted = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject
            {
                ["card"] = card["uuid"]!.GetValue<string>(),
                ["outcome"] = "accepted",
                ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = card["suggestions"]![0]!["uuid"]!.GetValue<string>() }),
            }),
        };
        Assert.Equal(200, (await host.PostAsync("/cds-services/medengine-order-select/feedback", accepted.ToJsonString())).Status);
        var (_, again) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-accept").ToJsonString());
        Assert.NotNull(BleedingCard(again!));
        var feedback = Assert.Single(await host.Services.GetRequiredService<IAuditTrail>().FeedbackAsync("p-accept"));
        Assert.Equal("accepted", feedback.Outcome);
        Assert.Single(feedback.AcceptedSuggestions);
    }

    [Fact]
    public async Task Feedback_on_an_unknown_card_or_with_a_bad_outcome_is_400_naming_the_field()
    {
        await using var host = await ServiceHost.StartAsync();
        var (status, body) = await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(Guid.NewGuid().ToString()));
        Assert.Equal(400, status);
        Assert.Equal("feedback[0].card", body!["field"]!.GetValue<string>());
        (status, body) = await host.PostAsync("/cds-services/medengine-order-select/feedback", "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"ignored\"}]}");
        Assert.Equal(400, status);
        Assert.Equal("feedback[0].outcome", body!["field"]!.GetValue<string>());
        (status, _) = await host.PostAsync("/cds-services/nope/feedback", Override("x"));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Overrides_and_the_audit_trail_survive_a_restart()
    {
        var path = ServiceHost.TempAuditPath();
        await using (var host = await ServiceHost.StartAsync(auditPath: path))
        {
            var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-restart", "enc-R").ToJsonString());
            Assert.Equal(200, (await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(BleedingCard(first!)!["uuid"]!.GetValue<string>()))).Status);
        }

        await using (var restarted = await ServiceHost.StartAsync(auditPath: path))
        {
            var (_, after) = await restarted.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-restart", "enc-R").ToJsonString());
            Assert.Null(BleedingCard(after!));
            var audit = restarted.Services.GetRequiredService<IAuditTrail>();
            var evaluations = await audit.EvaluationsAsync("p-restart");
            Assert.Equal([FindingDisposition.Card, FindingDisposition.Overridden], evaluations.Select(e => e.Findings.Single(f => f.RuleId == Rule).Disposition));
            Assert.Single(await audit.FeedbackAsync("p-restart"));
        }

        using var reopened = new SqliteAuditTrail(path);
        Assert.Equal(2, (await reopened.EvaluationsAsync("p-restart")).Count);
        Assert.Single(await reopened.OverridesAsync("p-restart"));
    }

    [Fact]
    public async Task The_audit_file_is_append_only_in_wal_mode()
    {
        var path = ServiceHost.TempAuditPath();
        using (var audit = new SqliteAuditTrail(path))
        {
            await audit.RecordEvaluationAsync(new AuditEvaluation("h1", "medengine-order-sign", "order-sign", "p1", "", null, null, DateTimeOffset.UnixEpoch,
                [new AuditFinding("k", "R", 1, Findings.Severity.Avoid, FindingDisposition.Card, "c1", "s")]));
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar() as string);
        foreach (var sql in new[] { "UPDATE finding SET severity = 'info'", "DELETE FROM evaluation", "DELETE FROM finding" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var e = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        }
    }
}
