using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedEngine;

/// <summary>
/// Healthy when the runtime is built and its rules are the configured ones; degraded when the last rule reload was refused
/// (the last good set is in use); unhealthy when the runtime cannot be built (for example a knowledge or rule file with errors).
/// </summary>
internal sealed class MedEngineHealthCheck(EngineHost engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        MedEngineRuntime runtime;
        try
        {
            runtime = engine.Runtime;
        }
        catch (MedEngineException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The MedEngine runtime cannot be built.", e));
        }

        var data = new Dictionary<string, object> { ["decisionSupport"] = runtime.HasDecisionSupport };
        if (engine.Reload is not { } reload)
        {
            return Task.FromResult(HealthCheckResult.Healthy("MedEngine runtime ready.", data));
        }

        data["rules"] = reload.Host.Current.Rules.Count;
        data["reloadErrors"] = reload.LastErrors.Count;
        return Task.FromResult(reload.LastErrors is [var first, ..]
            ? HealthCheckResult.Degraded($"The last rule reload from {reload.Directory} was refused ({reload.LastErrors.Count} errors; first: {first}); the last good set is in use.", data: data)
            : HealthCheckResult.Healthy($"MedEngine runtime ready; rules from {reload.Directory}.", data));
    }
}
