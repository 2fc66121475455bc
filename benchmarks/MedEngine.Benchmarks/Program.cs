using BenchmarkDotNet.Running;
using MedEngine.Benchmarks;

if (args.Length > 0 && args[0] == "retained")
{
    if (args.Contains("--nodes"))
    {
        RetainedNodes.Report(Console.Out);
        return;
    }

    if (args.Contains("--by-folder"))
    {
        RetainedMemory.ReportByFolder(Console.Out);
        return;
    }

    RetainedMemory.Report(Console.Out, hold: args.Contains("--hold"));
    return;
}

if (args.Length > 0 && args[0] == "profile")
{
    ProfileLoop.Run(args.Length > 1 ? args[1] : "event", args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "peers-compile")
{
    PeerCompileTimes.Report(Console.Out);
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

if (!PeerSuite.Full)
{
    Console.WriteLine($"PeerLargeTableBenchmarks (160,000 pairs) and naive NRules at 10,000 pairs left out: set {PeerSuite.FullVariable}=1 for the full suite.");
    suites = suites.Where(t => t != typeof(PeerLargeTableBenchmarks));
}

var summaries = BenchmarkSwitcher.FromTypes([.. suites]).Run(args);
GrowthExponent.Report(summaries, Console.Out);
