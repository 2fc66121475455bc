using MedEngine.Model;
using MedEngine.Tests.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MedEngine.Tests.Hosting;

/// <summary>A real generic host: options from configuration validated at start, the rule reload service and the health check.</summary>
public sealed class MedEngineHostingTests : IDisposable
{
    private static readonly string WarfarinNsaid = RuleKindTests.Rule("W-1", "interaction", "avoid", """
        between:
          - { names: [warfarin] }
          - { atc: ["M01A*"] }
        """);

    private readonly string _rules = Directory.CreateTempSubdirectory("medengine-hosting-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    private IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddMedEngine(b => b.UseKnowledge(TestKnowledge.Shipped));
        builder.Services.AddHealthChecks().AddMedEngine();
        return builder.Build();
    }

    private static async Task<HealthReport> HealthAsync(IHost host) =>
        await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task Start_AnUnknownConfigurationKey_IsRefusedByName()
    {
        using var host = Host(("MedEngine:RulesDirectry", _rules));

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("RulesDirectry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidOptions_ReportsEveryProblemTogether()
    {
        using var host = Host(("MedEngine:KnowledgeDirectory", Path.Combine(_rules, "none")), ("MedEngine:ReloadRules", "true"), ("MedEngine:ReloadInterval", "00:00:00.010"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("KnowledgeDirectory", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ReloadRules needs", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ReloadInterval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_ABrokenFileKeepsTheLastGoodSetAndDegradesHealth_AFixedOneIsTakenUp()
    {
        File.WriteAllText(Path.Combine(_rules, "w.yaml"), WarfarinNsaid);
        using var host = Host(("MedEngine:RulesDirectory", _rules), ("MedEngine:ReloadRules", "true"), ("MedEngine:ReloadInterval", "00:00:01"));
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<MedEngineRuntime>();
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(host)).Status);

        File.WriteAllText(Path.Combine(_rules, "broken.yaml"), "id: B-1\nversion: 1\nkind: interaction\nseverity: terrible\n");
        var degraded = await TickUntilAsync(host, HealthStatus.Degraded);
        Assert.Contains("broken.yaml", degraded.Entries["medengine"].Description, StringComparison.Ordinal);
        Assert.Equal("W-1", Assert.Single(runtime.Evaluate([Gp("Marevan", "Ibux 400 mg")]).Findings).RuleId);

        File.Delete(Path.Combine(_rules, "broken.yaml"));
        File.WriteAllText(Path.Combine(_rules, "w.yaml"), WarfarinNsaid.Replace("W-1", "W-2", StringComparison.Ordinal));
        await TickUntilAsync(host, HealthStatus.Healthy);
        Assert.Equal("W-2", Assert.Single(runtime.Evaluate([Gp("Marevan", "Ibux 400 mg")]).Findings).RuleId);
        await host.StopAsync();
    }

    [Fact]
    public async Task Health_ARuntimeThatCannotBeBuilt_IsUnhealthy()
    {
        File.WriteAllText(Path.Combine(_rules, "broken.yaml"), "id: B-1\nversion: 1\nkind: interaction\nseverity: terrible\n");
        using var host = Host(("MedEngine:RulesDirectory", _rules));

        var report = await HealthAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.IsType<InputException>(report.Entries["medengine"].Exception);
    }

    /// <summary>Moves the fake clock a reload interval at a time until the health check reports the status (the reload service runs on the thread pool).</summary>
    private async Task<HealthReport> TickUntilAsync(IHost host, HealthStatus status)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25);
            var report = await HealthAsync(host);
            if (report.Status == status)
            {
                return report;
            }
        }

        throw new Xunit.Sdk.XunitException($"The health check never reported {status}.");
    }

    private static SourceList Gp(params string[] names) => new(
        new MedicationSource("gp", SourceKind.GeneralPractitioner),
        names.Select((n, i) => new MedicationEntry { EntryId = $"e{i}", Name = n, Status = EntryStatus.Active }).ToList());
}
