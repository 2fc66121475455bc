using MedEngine.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MedEngine.Tests.Hosting;

public sealed class MedEngineServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMedEngine_Defaults_ResolveOneRuntimeWithTheShippedRulesAndTheHostsClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddMedEngine().BuildServiceProvider();

        var runtime = provider.GetRequiredService<MedEngineRuntime>();

        Assert.Same(runtime, provider.GetRequiredService<MedEngineRuntime>());
        Assert.Same(clock, runtime.Time);
        Assert.True(runtime.HasDecisionSupport, "the shipped rules are used");
        Assert.NotEmpty(runtime.Evaluate(SamplePatient.Lists).Findings);
    }

    [Fact]
    public void AddMedEngine_Configure_IsAppliedToTheBuilder()
    {
        using var provider = new ServiceCollection().AddMedEngine(b => b.UseKnowledge(TestKnowledge.Shipped).WithoutDecisionSupport()).BuildServiceProvider();

        var runtime = provider.GetRequiredService<MedEngineRuntime>();

        Assert.False(runtime.HasDecisionSupport);
        Assert.Same(TestKnowledge.Shipped, runtime.Knowledge);
        Assert.Same(TimeProvider.System, runtime.Time);
    }

    [Fact]
    public void AddMedEngine_AfterTheHostRegisteredARuntime_KeepsTheHosts()
    {
        var own = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).Build();
        using var provider = new ServiceCollection().AddSingleton(own).AddMedEngine().BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<MedEngineRuntime>());
        Assert.Empty(provider.GetRequiredService<MedEngineRuntime>().Evaluate([new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner), [])]).Findings);
    }
}
