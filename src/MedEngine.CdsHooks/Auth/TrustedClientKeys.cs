using Microsoft.IdentityModel.Tokens;

namespace MedEngine.CdsHooks.Auth;

/// <summary>One trusted client's issuer and signing keys by key id, each with the algorithm its JWK names (if it names one).</summary>
internal sealed record TrustedClientKeys(string Issuer, IReadOnlyDictionary<string, (SecurityKey Key, string? Algorithm)> Keys)
{
    /// <summary>Reads a client's JWKS (inline or from its file).</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read, or the JWKS is not valid or has no signing key.</exception>
    public static TrustedClientKeys Load(TrustedClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        string json;
        if (client.JwksFile is { } file)
        {
            try
            {
                json = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InvalidOperationException($"cannot read the JWKS file '{file}': {e.Message}", e);
            }
        }
        else
        {
            json = client.Jwks ?? "";
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or FormatException)
        {
            throw new InvalidOperationException($"not a valid JSON Web Key Set: {e.Message}", e);
        }

        var algorithms = set.Keys.Where(k => !string.IsNullOrEmpty(k.Kid)).GroupBy(k => k.Kid, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Alg, StringComparer.Ordinal);
        var keys = set.GetSigningKeys().Where(k => !string.IsNullOrEmpty(k.KeyId)).GroupBy(k => k.KeyId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First(), algorithms.GetValueOrDefault(g.Key) is { Length: > 0 } alg ? alg : null), StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("the JSON Web Key Set holds no usable signing key with a key id (kid).");
        }

        return new TrustedClientKeys(client.Issuer, keys);
    }
}
