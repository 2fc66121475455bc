using MedEngine.CdsHooks.Audit;
using MedEngine.CdsHooks.Auth;
using MedEngine.CdsHooks.Fhir;
using MedEngine.Knowledge;
using MedEngine.Rules;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedEngine.CdsHooks;

/// <summary>Registers the MedEngine CDS Hooks service.</summary>
public static class CdsHooksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the CDS Hooks service with its defaults: the shipped knowledge base, the rule files of
    /// <see cref="CdsHooksOptions.RulesDirectory"/>, the SQLite event store at <see cref="CdsHooksOptions.EventStorePath"/> (the
    /// patients' lists and the audit trail, <see cref="EventStoreAuditTrail"/>) and the system clock, composed into one <see cref="MedEngineRuntime"/>. Register your own <see cref="IKnowledgeBase"/>,
    /// <see cref="RuleSetHost"/>, <see cref="IPatientEventStore"/> or <see cref="TimeProvider"/> before or after this call to replace one,
    /// or a whole runtime with <see cref="MedEngineServiceCollectionExtensions.AddMedEngine(IServiceCollection, Action{MedEngineBuilder}?)"/> before it. Options are validated at start.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMedEngineCdsHooks(this IServiceCollection services, Action<CdsHooksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CdsHooksOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsHooksOptions>, CdsHooksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKnowledgeBase>(_ => FileKnowledgeBase.LoadShipped());
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value.RulesDirectory;
            if (!Directory.Exists(directory))
            {
                throw new OptionsValidationException(nameof(CdsHooksOptions), typeof(CdsHooksOptions), [$"CdsHooks:RulesDirectory: the folder '{directory}' does not exist."]);
            }

            return new RuleSetHost(RuleSet.Load(directory, sp.GetRequiredService<IKnowledgeBase>(), sp.GetRequiredService<TimeProvider>()));
        });
        services.TryAddSingleton(sp => new MedEngineBuilder()
            .UseKnowledge(sp.GetRequiredService<IKnowledgeBase>())
            .UseRules(sp.GetRequiredService<RuleSetHost>())
            .UseLearnedMatcher()
            .UseTimeProvider(sp.GetRequiredService<TimeProvider>())
            .Build());
        services.TryAddSingleton<IPatientEventStore>(sp => new SqlitePatientEventStore(sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value.EventStorePath));
        services.TryAddSingleton<IAuditTrail>(sp => new EventStoreAuditTrail(sp.GetRequiredService<IPatientEventStore>()));
        services.TryAddSingleton<IPatientService>(sp => new PatientService(sp.GetRequiredService<MedEngineRuntime>(), sp.GetRequiredService<IPatientEventStore>()));
        services.TryAddSingleton<CdsJwtAuthenticator>();
        services.TryAddSingleton<FhirFetcher>();
        services.TryAddSingleton<CdsHooksEvaluator>();
        services.AddHttpClient(FhirFetcher.HttpClientName).RemoveAllLoggers();
        return services;
    }
}
