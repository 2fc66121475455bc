using Xunit;

namespace MedEngine.Cli.Tests;

/// <summary><c>serve</c> refuses a configuration key that binds to nothing, naming it, before it starts.</summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-serve-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_misspelt_configuration_key_is_refused_with_the_key_named_and_a_did_you_mean()
    {
        var config = Path.Combine(_directory, "cds.json");
        await File.WriteAllTextAsync(config, """{ "CdsHooks": { "InteruptThreshold": "avoid", "TrustedClients": [ { "Issuer": "x", "Jwk": "{}" } ] }, "Logging": {} }""");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--config", config, "--store", Path.Combine(_directory, "events.db")], output, error);
        Assert.Equal(2, code);
        Assert.Contains("unknown configuration key 'CdsHooks:InteruptThreshold'. Did you mean 'InterruptThreshold'?", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("unknown configuration key 'CdsHooks:TrustedClients:0:Jwk'. Did you mean 'Jwks'?", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "events.db")), "nothing is started or created");
    }
}
