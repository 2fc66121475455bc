using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace MedEngine.Cli.Tests;

/// <summary>
/// <c>medengine serve</c> as a real process on 127.0.0.1, against what a broken client or a pharmacist's broken edit sends:
/// the rules folder is watched and a broken set refused with the last good one kept (and said by GET /health), a body that
/// is not JSON is 415, errors are problem details, and it runs in Production whatever the environment says.
/// </summary>
public sealed class ServeHardeningTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-serve-").FullName;
    private Process _serve = null!;
    private HttpClient _client = null!;

    private string Rules => Path.Combine(_directory, "rules");

    public async Task InitializeAsync()
    {
        CopyFolder(RepositoryPaths.Rules, Rules);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var cli = Path.Combine(AppContext.BaseDirectory, "MedEngine.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--store", Path.Combine(_directory, "events.db"),
            "--rules", Rules])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["MEDENGINE_MedEngine__ReloadInterval"] = "00:00:00.5" },
        };
        _serve = Process.Start(start)!;
        _serve.BeginOutputReadLine();
        _serve.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 300)
            {
            }

            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        _serve.Kill(entireProcessTree: true);
        _serve.WaitForExit();
        _serve.Dispose();
        _client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The order-sign request of <c>docs/cds-hooks.md</c> (warfarin on the list, ibuprofen drafted).</summary>
    private static string DocumentedRequest()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cds-hooks.md"));
        var start = docs.IndexOf("```json", docs.IndexOf("`request.json`:", StringComparison.Ordinal), StringComparison.Ordinal) + 7;
        return docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private async Task<string> HealthAsync()
    {
        using var response = await _client.GetAsync("/health");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ABrokenRuleFile_IsRefused_TheLastGoodSetServes_AndHealthSaysSo_UntilItIsFixed()
    {
        Assert.Equal("Healthy", await HealthAsync());
        var broken = Path.Combine(Rules, "broken.yaml");
        await File.WriteAllTextAsync(broken, "id: X\nkind: [unclosed\n");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await HealthAsync() == "Healthy" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal("Degraded", await HealthAsync());
        using (var call = await _client.PostAsync("/cds-services/medengine-order-sign", new StringContent(DocumentedRequest(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            Assert.NotEmpty(JsonNode.Parse(await call.Content.ReadAsStringAsync())!["cards"]!.AsArray());
        }

        File.Delete(broken);
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (await HealthAsync() != "Healthy" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal("Healthy", await HealthAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJson_Is415_AsProblemDetails(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await _client.PostAsync("/cds-services/medengine-order-select", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(415, (int)problem["status"]!);
        Assert.Equal("Content-Type", (string)problem["field"]!);
    }

    [Fact]
    public async Task ABadRequest_IsA400ProblemNamingTheField_WithNoStackTrace_EvenWhenTheEnvironmentSaysDevelopment()
    {
        using var response = await _client.PostAsync("/cds-services/medengine-order-select", new StringContent("""{ "hook": "order-select", "hookInstance": 5 }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(400, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["field"]));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
