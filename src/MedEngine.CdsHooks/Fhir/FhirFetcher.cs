using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedEngine.CdsHooks.Fhir;

/// <summary>
/// Fetches what the EHR did not prefetch from its FHIR server (<c>fhirServer</c>), with the <c>fhirAuthorization</c> bearer token.
/// Only the discovery prefetch keys that are missing or <see langword="null"/> are fetched, in parallel, each within
/// <see cref="CdsHooksOptions.FhirFetchTimeout"/>; a failed fetch is logged (key and status only) and evaluation goes on without it.
/// The token is sent in the Authorization header of these requests only; it is never logged or stored.
/// </summary>
internal sealed class FhirFetcher(IHttpClientFactory clients, IOptions<CdsHooksOptions> options, ILogger<FhirFetcher> logger)
{
    public const string HttpClientName = "MedEngine.CdsHooks.FhirServer";

    public async Task<IReadOnlyDictionary<string, JsonObject?>> CompleteAsync(CdsRequest request, CancellationToken cancellationToken)
    {
        if (request.FhirServer is not { } server)
        {
            return request.Prefetch;
        }

        var missing = CdsServices.PrefetchTemplates.Where(t => !request.Prefetch.TryGetValue(t.Key, out var value) || value is null).ToList();
        if (missing.Count == 0)
        {
            return request.Prefetch;
        }

        var fetched = await Task.WhenAll(missing.Select(t => FetchAsync(server, t.Key, t.Value, request, cancellationToken))).ConfigureAwait(false);
        var result = new Dictionary<string, JsonObject?>(request.Prefetch, StringComparer.Ordinal);
        foreach (var (key, value) in fetched)
        {
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private async Task<(string Key, JsonObject? Value)> FetchAsync(Uri server, string key, string template, CdsRequest request, CancellationToken cancellationToken)
    {
        var path = template
            .Replace("{{context.patientId}}", Uri.EscapeDataString(request.PatientId), StringComparison.Ordinal)
            .Replace("{{context.encounterId}}", Uri.EscapeDataString(request.EncounterId ?? ""), StringComparison.Ordinal)
            .Replace("{{context.userId}}", Uri.EscapeDataString(request.UserId ?? ""), StringComparison.Ordinal);
        var uri = new Uri(server.ToString().TrimEnd('/') + "/" + path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FhirFetchTimeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
            if (request.FhirAccessToken is { } token)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var client = clients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Log.FetchFailed(logger, key, $"HTTP {(int)response.StatusCode}");
                return (key, null);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var node = await JsonNode.ParseAsync(stream, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (node is JsonObject resource)
            {
                Log.Fetched(logger, key);
                return (key, resource);
            }

            Log.FetchFailed(logger, key, "not a JSON object");
            return (key, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FetchFailed(logger, key, "timed out");
            return (key, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            Log.FetchFailed(logger, key, e.GetType().Name);
            return (key, null);
        }
    }
}
