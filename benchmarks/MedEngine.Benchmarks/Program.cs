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

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
GrowthExponent.Report(summaries, Console.Out);
