using System.Diagnostics;

namespace MedEngine.Benchmarks;

/// <summary>
/// Runs the event path or the batch path in a loop for a number of seconds, for a profiler to sample
/// (<c>dotnet-trace collect -- dotnet MedEngine.Benchmarks.dll profile event 20</c>); prints the mean per operation.
/// </summary>
internal static class ProfileLoop
{
    public static void Run(string path, double seconds, TextWriter output)
    {
        Action operation = path switch
        {
            "event" => Incremental(),
            "batch" => Batch(),
            _ => throw new ArgumentException($"Unknown path '{path}': event or batch.", nameof(path)),
        };
        var clock = Stopwatch.StartNew();
        long count = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++)
            {
                operation();
            }

            count += 100;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"{path}: {count:N0} operations in {clock.Elapsed.TotalSeconds:0.0} s, {clock.Elapsed.TotalMicroseconds / count:0.0} µs and {bytes / count:N0} bytes each.");
    }

    private static Action Incremental()
    {
        var suite = new IncrementalBenchmarks();
        suite.Setup();
        return () => suite.EntryChanged();
    }

    private static Action Batch()
    {
        var suite = new BatchBenchmarks { Sources = 6, Entries = 15 };
        suite.Setup();
        return () => suite.ReconcileAndEvaluate();
    }
}
