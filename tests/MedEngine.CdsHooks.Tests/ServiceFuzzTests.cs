using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>
/// Mutated hook calls, feedback and patient-API bodies (<see cref="JsonMutator"/>) against the real service on 127.0.0.1:
/// every one is answered 200 or a 4xx problem, never a 500, so the prescriber never loses decision support to a broken sender.
/// </summary>
public sealed class ServiceFuzzTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly (string Path, string Body)[] Calls =
    [
        ("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect().ToJsonString()),
        ("/cds-services/medengine-order-select/feedback", """{ "feedback": [ { "card": "c1", "outcome": "overridden", "overrideReason": { "reason": { "code": "x", "system": "s" }, "userComment": "ok" }, "outcomeTimestamp": "2026-12-01T10:00:00Z" } ] }"""),
        ("/patients/fuzz/events", """[ { "type": "sourceRemoved", "eventId": "e1", "sourceId": "gp" } ]"""),
    ];

    [Property(MaxTest = 600)]
    public Property AMutatedRequest_IsAnsweredWithoutAFault() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (path, body) = Calls[seed % Calls.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonMutator.Mutate(body, seed), Encoding.UTF8, "application/json") };
            using var response = _host.Client.Send(request);
            Assert.True((int)response.StatusCode is 200 or (>= 400 and < 500), $"Seed {seed}: {path} answered {(int)response.StatusCode}.");
        });

    [Theory]
    [InlineData("\"hookInstance\": \"a\", \"hookInstance\": \"b\",", "hookInstance")]
    [InlineData("\"hookInstance\": \"\\ud800\",", "hookInstance")]
    public async Task AKeyTwiceOrALoneSurrogate_Is400NamingTheField(string insert, string field)
    {
        var body = Requests.WarfarinIbuprofenSelect().ToJsonString();
        body = "{" + insert + body[1..].Replace("\"hookInstance\":", "\"unused\":", StringComparison.Ordinal);
        var (status, problem) = await _host.PostAsync("/cds-services/medengine-order-select", body);
        Assert.Equal(400, status);
        Assert.Equal(field, (string)problem!["field"]!);
    }
}
