using BenchmarkDotNet.Running;
using MedEngine.Benchmarks;

if (args.Length > 0 && args[0] == "retained")
{
    RetainedMemory.Report(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "idle")
{
    IdleMemory.Report(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "cdshooks")
{
    Environment.ExitCode = await CdsHooksLoad.RunAsync(args[1..], Console.Out);
    return;
}

var suites = typeof(Workload).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)));
if (Environment.GetEnvironmentVariable(PostgreSqlStoreBenchmarks.ConnectionVariable) is null)
{
    Console.WriteLine($"PostgreSqlStoreBenchmarks left out: {PostgreSqlStoreBenchmarks.ConnectionVariable} names no PostgreSQL server (scripts/postgres.sh start prints one).");
    suites = suites.Where(t => t != typeof(PostgreSqlStoreBenchmarks));
}

var summaries = BenchmarkSwitcher.FromTypes([.. suites]).Run(args);
GrowthExponent.Report(summaries, Console.Out);
