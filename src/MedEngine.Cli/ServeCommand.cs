using System.CommandLine;
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
    public static Command Create(TextWriter output, TextWriter error)
    {
        var urls = CommandLine.Value("--urls", "URLS", "Where to listen, several separated by ';' (default http://127.0.0.1:5080).");
        var rules = CommandLine.Value("--rules", "DIR", "The rule files, watched and reloaded (default: the shipped rules).");
        var store = CommandLine.Value("--store", "FILE", "The patients' event store (their lists, decisions and the audit): a SQLite file (default events.db in ~/.local/share/medengine).");
        var postgres = CommandLine.Value("--postgres", "CONNECTION-STRING", "Keep the event store in PostgreSQL instead (an Npgsql connection string).");
        var cluster = CommandLine.Flag("--cluster", "With --postgres: be an Orleans silo of the cluster 'medengine' whose membership is in the same database; any node answers for any patient.");
        Option<int> Port(string name, int port, string what)
        {
            var option = new Option<int>(name) { Description = $"{what} (default {port}).", HelpName = "N", DefaultValueFactory = _ => port };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                {
                    result.AddError($"{name} must be a port number from 1 to 65535.");
                }
            });
            return option;
        }

        var siloPort = Port("--silo-port", 11111, "The silo's port");
        var gatewayPort = Port("--gateway-port", 30000, "The cluster gateway's port");
        var config = CommandLine.Value("--config", "FILE", "A JSON file with a CdsHooks section (trusted clients, ServiceBaseUrl, InterruptThreshold...); an unknown key is refused.");
        var command = new Command("serve", """
            Runs the CDS Hooks service (docs/cds-hooks.md) and the patient API (docs/patient-api.md) until Ctrl+C. On a loopback
            address with no trusted client the service runs WITHOUT authentication; anywhere else a trusted client is required.
            """)
        {
            urls, rules, store, postgres, cluster, siloPort, gatewayPort, config,
        };
        CommandLine.AtMostOne(command, store, postgres);
        command.Validators.Add(result =>
        {
            if (result.GetValue(cluster) && result.GetValue(postgres) is null)
            {
                result.AddError("--cluster needs --postgres (the cluster's membership and events are kept there).");
            }
        });
        command.SetAction(parsed => RunAsync(
            parsed.GetValue(urls) ?? "http://127.0.0.1:5080", parsed.GetValue(rules), parsed.GetValue(store), parsed.GetValue(postgres), parsed.GetValue(cluster),
            parsed.GetValue(siloPort), parsed.GetValue(gatewayPort), parsed.GetValue(config), output, error));
        return command;
    }

    /// <summary>Runs the service until it is stopped.</summary>
    /// <returns>0 when stopped normally, 2 on bad configuration.</returns>
    private static async Task<int> RunAsync(string urls, string? rules, string? store, string? postgres, bool cluster, int siloPort, int gatewayPort, string? config, TextWriter output, TextWriter error)
    {
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

    private static bool IsLoopback(string url)
    {
        var host = new Uri(url).Host;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
