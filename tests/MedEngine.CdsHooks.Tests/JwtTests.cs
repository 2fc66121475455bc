using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>CDS Hooks JWT authentication: signature by the client's JWKS, issuer, audience, expiry, jti replay.</summary>
public sealed class JwtTests : IAsyncLifetime, IDisposable
{
    private const string Issuer = "https://ehr.example.test";
    private const string Audience = "https://cds.example.test";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_key) { KeyId = "ehr-key-1" });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES384" } } });
        var file = Path.Combine(Path.GetTempPath(), "medengine-cds-tests", Guid.NewGuid().ToString("N") + ".jwks.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, jwks);
        _host = await ServiceHost.StartAsync(options =>
        {
            options.AllowAnonymousOnLoopback = false;
            options.ServiceBaseUrl = new Uri(Audience);
            options.TrustedClients.Add(new TrustedClient { Issuer = Issuer, JwksFile = file });
            options.TrustedClients.Add(new TrustedClient { Issuer = "https://other-ehr.example.test", Jwks = jwks });
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private string Token(ECDsa? key = null, string issuer = Issuer, string audience = Audience + "/cds-services/medengine-order-select", DateTime? expires = null, string? jti = null,
        string kid = "ehr-key-1", string algorithm = SecurityAlgorithms.EcdsaSha384)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp.AddMinutes(-5),
            NotBefore = exp.AddMinutes(-5),
            Expires = exp,
            Subject = new ClaimsIdentity([new Claim("sub", "ehr-client"), new Claim("jti", jti ?? Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key ?? _key) { KeyId = kid }, algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task<int> CallAsync(string? token) =>
        (await _host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect().ToJsonString(), token)).Status;

    [Fact]
    public async Task A_valid_token_passes() => Assert.Equal(200, await CallAsync(Token()));

    [Fact]
    public async Task The_base_url_is_accepted_as_audience_too() => Assert.Equal(200, await CallAsync(Token(audience: Audience)));

    [Fact]
    public async Task No_token_is_401()
    {
        var (status, body) = await _host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect().ToJsonString());
        Assert.Equal(401, status);
        Assert.Equal("Authorization", body!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_signature_is_401() => Assert.Equal(401, await CallAsync(Token(key: _otherKey)));

    [Fact]
    public async Task A_kid_that_names_no_key_of_the_issuer_is_401_even_when_a_key_would_verify() =>
        Assert.Equal(401, await CallAsync(Token(kid: "another-key")));

    [Fact]
    public async Task An_alg_other_than_the_one_the_keys_jwk_names_is_401_even_when_the_signature_verifies() =>
        Assert.Equal(401, await CallAsync(Token(algorithm: SecurityAlgorithms.EcdsaSha512)));

    [Fact]
    public async Task A_wrong_audience_is_401() => Assert.Equal(401, await CallAsync(Token(audience: "https://somewhere-else.example.test/cds-services/medengine-order-select")));

    [Fact]
    public async Task An_audience_of_another_service_is_401() => Assert.Equal(401, await CallAsync(Token(audience: Audience + "/cds-services/medengine-order-sign")));

    [Fact]
    public async Task An_expired_token_is_401() => Assert.Equal(401, await CallAsync(Token(expires: DateTime.UtcNow.AddMinutes(-10))));

    [Fact]
    public async Task An_unknown_issuer_is_401() => Assert.Equal(401, await CallAsync(Token(issuer: "https://stranger.example.test")));

    [Fact]
    public async Task A_replayed_jti_is_401()
    {
        var token = Token();
        Assert.Equal(200, await CallAsync(token));
        Assert.Equal(401, await CallAsync(token));
    }

    [Fact]
    public async Task Garbage_is_401() => Assert.Equal(401, await CallAsync("not-a-jwt"));

    [Fact]
    public async Task Discovery_needs_no_token()
    {
        using var response = await _host.Client.GetAsync("/cds-services");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Tokens_never_reach_the_log()
    {
        var good = Token();
        var bad = Token(key: _otherKey);
        await CallAsync(good);
        await CallAsync(bad);
        Assert.DoesNotContain(good, _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(bad[..40], _host.Logs.All, StringComparison.Ordinal);
        Assert.Contains(_host.Logs.Lines, l => l.EventId == 4020);
    }
}
