using System.Net;
using Microsoft.Extensions.Options;
using MedEngine.CdsHooks.Auth;
using MedEngine.Findings;

namespace MedEngine.CdsHooks;

/// <summary>Checks <see cref="CdsHooksOptions"/> at start; every problem is reported, each naming its option.</summary>
internal sealed class CdsHooksOptionsValidator : IValidateOptions<CdsHooksOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsHooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.InterruptThreshold))
        {
            errors.Add($"CdsHooks:InterruptThreshold: '{options.InterruptThreshold}' is not a severity (info, caution, avoid, contraindicated).");
        }

        if (!Enum.IsDefined(options.CriticalThreshold) || options.CriticalThreshold == Severity.Info)
        {
            errors.Add("CdsHooks:CriticalThreshold: must be caution, avoid or contraindicated.");
        }

        if (options.Language is not ("nb" or "en"))
        {
            errors.Add($"CdsHooks:Language: '{options.Language}' is not supported; use nb or en.");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            errors.Add("CdsHooks:MaxRequestBodyBytes: must be positive.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add("CdsHooks:ClockSkew: must be between 0 and 10 minutes.");
        }

        if (options.FhirFetchTimeout <= TimeSpan.Zero)
        {
            errors.Add("CdsHooks:FhirFetchTimeout: must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.SourceLabel))
        {
            errors.Add("CdsHooks:SourceLabel: must not be empty.");
        }

        if (options.ServiceBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add("CdsHooks:ServiceBaseUrl: must be an absolute http or https URL.");
        }

        if (options.TrustedClients.Count == 0 && !options.AllowAnonymousOnLoopback)
        {
            errors.Add("CdsHooks:TrustedClients: configure at least one trusted client (issuer and JWKS), or set AllowAnonymousOnLoopback for a service reachable on loopback only.");
        }

        if (options.TrustedClients.Count > 0 && options.ServiceBaseUrl is null)
        {
            errors.Add("CdsHooks:ServiceBaseUrl: required when trusted clients are configured (JWTs name it as audience).");
        }

        var issuers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.TrustedClients.Count; i++)
        {
            var client = options.TrustedClients[i];
            var field = $"CdsHooks:TrustedClients:{i}";
            if (string.IsNullOrWhiteSpace(client.Issuer))
            {
                errors.Add($"{field}:Issuer: required.");
            }
            else if (!issuers.Add(client.Issuer))
            {
                errors.Add($"{field}:Issuer: '{client.Issuer}' is configured twice.");
            }

            if ((client.Jwks is null) == (client.JwksFile is null))
            {
                errors.Add($"{field}: give exactly one of Jwks (inline JSON) or JwksFile.");
                continue;
            }

            try
            {
                _ = TrustedClientKeys.Load(client);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"{field}:{(client.Jwks is null ? "JwksFile" : "Jwks")}: {e.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether an address is a loopback address (127.0.0.0/8, ::1, or an IPv4-mapped loopback).</summary>
    internal static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));
}
