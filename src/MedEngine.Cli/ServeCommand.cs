using System.Net;
using MedEngine.CdsHooks;
using MedEngine.CdsHooks.Patients;
using MedEngine.Persistence;
using MedEngine.Persistence.PostgreSql;
using MedEngine.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine serve</c>: runs the CDS Hooks service (<c>MedEngine.CdsHooks</c>) with the embedded defaults until Ctrl+C.
/// Configuration: the section <c>CdsHooks</c> of <c>--config FILE</c> (JSON) and of environment variables
/// (<c>MEDENGINE_CdsHooks__InterruptThreshold=avoid</c>); see docs/cds-hooks.md.
/// </summary>
internal static class ServeCommand
{
    private const string Usage = """
        Usage:
          medengine serve [--urls URLS] [--rules DIR] [--store FILE | --postgres CONNECTION-STRING [--cluster
                  [--silo-port N] [--gateway-port N]]] [--config FILE]
              Runs the CDS Hooks service (GET /cds-services, POST /cds-services/{id}, POST /cds-services/{id}/feedback)
              and the patient API (PUT /patients/{id}/sources/{sourceId}, POST /patients/{id}/events,
              GET /patients/{id}/list, /events, /changes; docs/patient-api.md) until Ctrl+C. --urls defaults to
              http://127.0.0.1:5080 (several separated by ';'); --rules to the shipped rules; --store (the patients'
              event store: their lists, and the audit of every evaluation and feedback) to events.db in
              ~/.local/share/medengine; --postgres keeps the event store in PostgreSQL instead (an Npgsql connection string); --cluster (with --postgres) makes this
              process an Orleans silo of the cluster 'medengine' whose membership is in the same database, so any node
              answers for any patient (--silo-port defaults to 11111, --gateway-port to 30000; on loopback the silo
              advertises 127.0.0.1); --config is a JSON
              file with a CdsHooks section
              (trusted clients, ServiceBaseUrl, InterruptThreshold...). On a loopback address with no trusted client
              the service runs WITHOUT authentication; anywhere else a trusted client is required.
        """;

    /// <summary>Parses the arguments and runs the service until it is stopped.</summary>
    /// <param name="args">The arguments after <c>serve</c>.</param>
    /// <param name="output">Where to write normal output.</param>
    /// <param name="error">Where to write warnings and errors.</param>
    /// <returns>0 when stopped normally, 2 on bad usage or configuration.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var urls = "http://127.0.0.1:5080";
        string? rules = null, config = null, store = null, postgres = null;
        var cluster = false;
        int siloPort = 11111, gatewayPort = 30000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls" when i + 1 < args.Length:
                    urls = args[++i];
                    break;
                case "--rules" when i + 1 < args.Length:
                    rules = args[++i];
                    break;
                case "--store" when i + 1 < args.Length:
                    store = args[++i];
                    break;
                case "--postgres" when i + 1 < args.Length:
                    postgres = args[++i];
                    break;
                case "--cluster":
                    cluster = true;
                    break;
                case "--silo-port" when i + 1 < args.Length && TryPort(args[i + 1], out siloPort):
                    i++;
                    break;
                case "--gateway-port" when i + 1 < args.Length && TryPort(args[i + 1], out gatewayPort):
                    i++;
                    break;
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "-h" or "--help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return CommandLine.Success;
                default:
                    await error.WriteLineAsync($"medengine serve: unknown or incomplete argument '{args[i]}'.").ConfigureAwait(false);
                    await error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return CommandLine.BadInput;
            }
        }

        if (config is not null && !File.Exists(config))
        {
            await error.WriteLineAsync($"medengine serve: the config file '{config}' does not exist.").ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0 || addresses.Any(a => !Uri.TryCreate(a, UriKind.Absolute, out _)))
        {
            await error.WriteLineAsync($"medengine serve: --urls '{urls}' is not a list of absolute URLs.").ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        if (store is not null && postgres is not null)
        {
            await error.WriteLineAsync("medengine serve: give --store or --postgres, not both.").ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        if (cluster && postgres is null)
        {
            await error.WriteLineAsync("medengine serve: --cluster needs --postgres (the cluster's membership and events are kept there).").ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        var loopbackOnly = addresses.All(IsLoopback);
        // Production always: no developer exception page, whatever ASPNETCORE_ENVIRONMENT says; a fault is a 500 problem without a stack trace.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory(), EnvironmentName = Environments.Production });
        builder.Configuration.AddEnvironmentVariables("MEDENGINE_");
        if (config is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(config), optional: false);
        }

        builder.WebHost.UseUrls(addresses);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (postgres is not null)
        {
            try
            {
                builder.Services.AddSingleton<IPatientEventStore>(await PostgreSqlPatientEventStore.OpenAsync(postgres).ConfigureAwait(false));
            }
            catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or TimeoutException)
            {
                await error.WriteLineAsync($"medengine serve: cannot open the PostgreSQL event store: {e.Message}").ConfigureAwait(false);
                return CommandLine.BadInput;
            }
        }

        if (cluster)
        {
            builder.UseOrleans(silo => ClusterNode.Configure(silo, postgres!, siloPort, gatewayPort, loopbackOnly));
        }

        var section = builder.Configuration.GetSection("CdsHooks");
        if (ConfigurationKeys.Unknown(section, typeof(CdsHooksOptions)).ToList() is { Count: > 0 } unknown)
        {
            foreach (var key in unknown)
            {
                await error.WriteLineAsync($"medengine serve: unknown configuration key {key}").ConfigureAwait(false);
            }

            return CommandLine.BadInput;
        }

        var rulesDirectory = Path.GetFullPath(rules ?? (section[nameof(CdsHooksOptions.RulesDirectory)] is { } configured ? configured : RuleSet.ShippedDirectory));

        // The runtime watches the rules folder: a changed set is swapped in, one with errors refused (the last good set stays),
        // and the log and GET /health say why.
        builder.Services.AddMedEngine();
        builder.Services.Configure<MedEngineOptions>(options =>
        {
            options.RulesDirectory = rulesDirectory;
            options.ReloadRules = true;
        });
        builder.Services.AddHealthChecks().AddMedEngine();
        builder.Services.AddProblemDetails();
        builder.Services.AddMedEngineCdsHooks(options =>
        {
            section.Bind(options);
            options.RulesDirectory = rulesDirectory;
            if (store is not null)
            {
                options.EventStorePath = store;
            }

            // Anonymous only on loopback and only while no trusted client is configured; anywhere else the validator demands one.
            options.AllowAnonymousOnLoopback = loopbackOnly && options.TrustedClients.Count == 0;
            options.ServiceBaseUrl ??= options.TrustedClients.Count > 0 ? new Uri(addresses[0]) : null;
        });

        WebApplication app;
        try
        {
            app = builder.Build();
            app.UseExceptionHandler();
            app.MapHealthChecks("/health");
            app.MapMedEngineCdsHooks();
            app.MapMedEnginePatients();
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or InputException or InvalidOperationException)
        {
            await error.WriteLineAsync("medengine serve: " + e.Message).ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CdsHooksOptions>>().Value;
        if (options.TrustedClients.Count == 0)
        {
            await error.WriteLineAsync("""
                ************************************************************************************
                medengine serve: NO AUTHENTICATION. No trusted client is configured, so any program
                on this machine can call the service without a JWT. Only loopback is accepted.
                Configure CdsHooks:TrustedClients (issuer + JWKS) before connecting a real EHR.
                ************************************************************************************
                """).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"medengine serve: CDS Hooks discovery at {addresses[0].TrimEnd('/')}/cds-services (Ctrl+C stops)").ConfigureAwait(false);
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync("medengine serve: " + e.Message).ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        return CommandLine.Success;
    }

    private static bool TryPort(string value, out int port) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;

    private static bool IsLoopback(string url)
    {
        var host = new Uri(url).Host;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
