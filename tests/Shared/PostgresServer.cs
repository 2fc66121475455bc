using System.Diagnostics;
using Xunit;

namespace MedEngine.Testing;

/// <summary>
/// A throwaway PostgreSQL server started by <c>scripts/postgres.sh</c> (the script <c>.ci/run</c> uses too) in a temporary
/// folder, on a free loopback port. <see cref="Shared"/> is one server per test process, or the server named by the
/// environment variable <c>MEDENGINE_TEST_POSTGRES</c> (a connection string) when set.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Variable = "MEDENGINE_TEST_POSTGRES";
    private static readonly Lazy<Task<string>> SharedServer = new(async () =>
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server.ConnectionString;
    });

    private readonly string _folder;

    private PostgresServer(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>The Npgsql connection string (database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or <see langword="null"/> when a server can be had.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }
        || Directory.Exists("/usr/lib/postgresql") && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb")))
        || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "initdb")))
            ? null
            : $"needs a PostgreSQL server: install PostgreSQL (apt-get install postgresql) so scripts/postgres.sh can start one, or set {Variable}";

    /// <summary>The shared server's connection string.</summary>
    public static Task<string> Shared => SharedServer.Value;

    /// <summary>Starts a server of the caller's own (to stop and start it).</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("medengine-pg-").FullName;
        var connection = (await ScriptAsync("start", folder)).Trim();
        return new PostgresServer(folder, connection);
    }

    /// <summary>Stops the server at once, as a crash would (immediate shutdown).</summary>
    public Task KillAsync() => ScriptAsync("kill", _folder);

    /// <summary>Starts the server again on the same port.</summary>
    public Task RestartAsync() => ScriptAsync("restart", _folder);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScriptAsync("stop", _folder);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<string> ScriptAsync(string command, string folder)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "postgres.sh"), command, folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"scripts/postgres.sh {command} failed ({process.ExitCode}): {await error}");
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, saying why, where no server can be started.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}
