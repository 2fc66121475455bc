using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedEngine;

/// <summary>Registers MedEngine in a host's services (<c>docs/hosting.md</c>).</summary>
public static class MedEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="MedEngineRuntime"/>, built on first use from <see cref="MedEngineOptions"/> (bound from the host's
    /// configuration section <c>MedEngine</c> when the host has an <see cref="IConfiguration"/>, where a key the options do not
    /// have is refused; the shipped knowledge base and rules unless configured), the host's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> when none is
    /// registered), and then <paramref name="configure"/>; the options are validated when the host starts. Also adds the rule
    /// reload service (active with <see cref="MedEngineOptions.ReloadRules"/>). Registers nothing that is already registered, so a
    /// host's own runtime or clock wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Changes the builder after the options are applied: another knowledge base, host rules, precedence.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMedEngine(this IServiceCollection services, Action<MedEngineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MedEngineOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MedEngineOptions>, MedEngineOptionsFromConfiguration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MedEngineOptions>, MedEngineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new EngineHost(
            provider.GetRequiredService<IOptions<MedEngineOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            configure));
        services.TryAddSingleton(provider => provider.GetRequiredService<EngineHost>().Runtime);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RuleReloadService>());
        return services;
    }

    /// <summary>Adds the MedEngine health check (<c>docs/hosting.md</c>) under the name <c>medengine</c>.</summary>
    /// <param name="builder">The host's health checks.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddMedEngine(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<MedEngineHealthCheck>("medengine", HealthStatus.Unhealthy, ["medengine"]);
    }
}
