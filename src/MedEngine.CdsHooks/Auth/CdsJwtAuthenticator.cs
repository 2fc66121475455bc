using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedEngine.CdsHooks.Auth;

/// <summary>The outcome of checking a request's JWT.</summary>
/// <param name="Succeeded">Whether the request may go on.</param>
/// <param name="Issuer">The verified issuer; <see langword="null"/> for an anonymous loopback call or a failure.</param>
/// <param name="Failure">Why it failed, in words safe to log and to return (never the token).</param>
internal sealed record AuthResult(bool Succeeded, string? Issuer, string? Failure)
{
    public static AuthResult Anonymous { get; } = new(true, null, null);

    public static AuthResult Fail(string why) => new(false, null, why);
}

/// <summary>
/// Checks the JWT an EHR sends with each call, as CDS Hooks 2.0 requires: signed with the key of the issuer's JWKS that its
/// <c>kid</c> names, with the <c>alg</c> that key's JWK names (when it names one), <c>iss</c> a
/// trusted client, <c>aud</c> this service's URL, <c>exp</c> not passed, and a <c>jti</c> never seen before (replays are
/// refused until the token expires). The token itself is never logged or stored; only its <c>jti</c> is kept, in memory, until
/// its expiry.
/// </summary>
internal sealed class CdsJwtAuthenticator
{
    private readonly CdsHooksOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, TrustedClientKeys> _clients;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _checks;

    public CdsJwtAuthenticator(IOptions<CdsHooksOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _clients = _options.TrustedClients.Select(TrustedClientKeys.Load).ToDictionary(c => c.Issuer, StringComparer.Ordinal);
    }

    /// <summary>Whether calls need a JWT: always when a trusted client is configured.</summary>
    public bool Required => _clients.Count > 0 || !_options.AllowAnonymousOnLoopback;

    public async Task<AuthResult> AuthenticateAsync(HttpContext context, string serviceId)
    {
        if (!Required)
        {
            return CdsHooksOptionsValidator.IsLoopback(context.Connection.RemoteIpAddress) && CdsHooksOptionsValidator.IsLoopback(context.Connection.LocalIpAddress)
                ? AuthResult.Anonymous
                : AuthResult.Fail("authentication is required off loopback, and no trusted client is configured");
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthResult.Fail("no bearer token");
        }

        var token = header[7..].Trim();
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AuthResult.Fail("the bearer token is not a JWT");
        }

        if (string.IsNullOrEmpty(unverified.Issuer) || !_clients.TryGetValue(unverified.Issuer, out var client))
        {
            return AuthResult.Fail("the token's issuer is not a trusted client");
        }

        // The header's kid must name a key of the issuer's JWKS, and its alg must be the one that key's JWK names: no other
        // key is tried, and no other algorithm is accepted for a key.
        if (string.IsNullOrEmpty(unverified.Kid) || !client.Keys.TryGetValue(unverified.Kid, out var signing))
        {
            return AuthResult.Fail("the token's kid names no key of the issuer's JWKS");
        }

        if (signing.Algorithm is { } algorithm && !string.Equals(algorithm, unverified.Alg, StringComparison.Ordinal))
        {
            return AuthResult.Fail("the token's alg is not the one its key's JWK names");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = client.Issuer,
            ValidAudiences = Audiences(serviceId),
            IssuerSigningKey = signing.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = signing.Algorithm is null ? null : [signing.Algorithm],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime(notBefore, expires),
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthResult.Fail(result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "the token has expired, is not valid yet, or has no expiry",
                SecurityTokenInvalidAudienceException => "the token's audience is not this service",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify with the issuer's keys",
                SecurityTokenNotYetValidException => "the token is not valid yet",
                SecurityTokenNoExpirationException => "the token has no expiry",
                _ => "the token is not valid",
            });
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (string.IsNullOrEmpty(jwt.Id))
        {
            return AuthResult.Fail("the token has no jti");
        }

        var now = _time.GetUtcNow();
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + _options.ClockSkew;
        if (!_seen.TryAdd(client.Issuer + "\n" + jwt.Id, expires))
        {
            return AuthResult.Fail("the token's jti was used before (replay)");
        }

        if (Interlocked.Increment(ref _checks) % 256 == 0)
        {
            foreach (var (key, until) in _seen)
            {
                if (until < now)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        return new AuthResult(true, client.Issuer, null);
    }

    /// <summary>Checks <c>exp</c> (required) and <c>nbf</c> against the injected clock, with the configured skew.</summary>
    private bool Lifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp.ToUniversalTime() + _options.ClockSkew >= now
            && (notBefore is not { } nbf || nbf.ToUniversalTime() - _options.ClockSkew <= now);
    }

    private string[] Audiences(string serviceId)
    {
        var root = _options.ServiceBaseUrl!.ToString().TrimEnd('/');
        return [root, root + "/", root + "/cds-services", root + "/cds-services/" + serviceId];
    }
}
