using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Patients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>The CDS Hooks service on a real Kestrel server at 127.0.0.1 on a free port, with every log line captured.</summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, Uri baseUrl, LogSink logs)
    {
        _app = app;
        BaseUrl = baseUrl;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A fresh event store file (the patients' lists and the audit trail) in a folder of its own.</summary>
    public static string TempStorePath() => Path.Combine(Path.GetTempPath(), "medengine-cds-tests", Guid.NewGuid().ToString("N"), "events.db");

    public static async Task<ServiceHost> StartAsync(Action<CdsHooksOptions>? configure = null, string? storePath = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogSink();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        storePath ??= TempStorePath();
        builder.Services.AddMedEngineCdsHooks(options =>
        {
            options.RulesDirectory = RepositoryPaths.Rules;
            options.EventStorePath = storePath;
            options.AllowAnonymousOnLoopback = true;
            options.Language = "en";
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMedEngineCdsHooks();
        app.MapMedEnginePatients();
        await app.StartAsync();
        var address = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new ServiceHost(app, new Uri(address), logs);
    }

    public async Task<(int Status, JsonNode? Body)> PostAsync(string path, string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Captures every log line (with its event id) so tests can check what the service logs.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    public string All => string.Join("\n", Lines.Select(l => l.Message));

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue((eventId.Id, logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
    }
}

/// <summary>One anonymous loopback service shared by a test class.</summary>
public sealed class SharedService : IAsyncLifetime
{
    internal ServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
