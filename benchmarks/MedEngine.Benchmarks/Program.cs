using BenchmarkDotNet.Running;
using MedEngine.Benchmarks;

if (args.Length > 0 && args[0] == "retained")
{
    RetainedMemory.Report(Console.Out);
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
GrowthExponent.Report(summaries, Console.Out);
