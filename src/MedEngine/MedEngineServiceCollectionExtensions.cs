using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedEngine;

/// <summary>Registers MedEngine in a host's services.</summary>
public static class MedEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="MedEngineRuntime"/>, built on first use from a <see cref="MedEngineBuilder"/> that uses the host's
    /// <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> when none is registered) and the shipped rules, and then
    /// <paramref name="configure"/>.
    /// Registers nothing that is already registered, so a host's own runtime or clock wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Chooses another knowledge base, rules, precedence or clock.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMedEngine(this IServiceCollection services, Action<MedEngineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var builder = new MedEngineBuilder().UseTimeProvider(provider.GetRequiredService<TimeProvider>()).UseShippedRules();
            configure?.Invoke(builder);
            return builder.Build();
        });
        return services;
    }
}
