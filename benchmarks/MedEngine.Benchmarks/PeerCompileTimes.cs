using System.Diagnostics;
using System.Globalization;

namespace MedEngine.Benchmarks;

/// <summary>
/// 4. Peers, compile and load times (<c>-- peers-compile</c>): what each engine costs before its first answer, once per size.
/// RulesEngine compiles its expressions on the first request, so its row is the workflow's construction plus that request;
/// naive NRules compiles a rule per pair (stopped at 10,000, about 146 s); MedEngine reads the table's text and compiles its
/// rule set. Each figure is one measurement (no repetition), after one warm-up at the smallest size.
/// </summary>
internal static class PeerCompileTimes
{
    public static void Report(TextWriter output)
    {
        var patient = PeerSuite.Patient;
        int[] interactionSizes = PeerSuite.Full ? [100, 1_000, PeerSuite.NaiveLimit, PeerSuite.LargestTable] : [100, 1_000, PeerSuite.NaiveLimit];
        if (!PeerSuite.Full)
        {
            output.WriteLine($"160,000 pairs left out: set {PeerSuite.FullVariable}=1 to include them.");
        }

        Warm();
        output.WriteLine("| interaction pairs | RulesEngine: workflow + first request | naive NRules: compile | MedEngine: load table + compile |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var size in interactionSizes)
        {
            var pairs = InteractionTables.Pairs().Take(size).ToList();
            var rulesEngine = Time(() => InteractionPeers.CreateRulesEngine(pairs).ExecuteAllRulesAsync("interactions", new RulesEngineInput(patient)).GetAwaiter().GetResult());
            var naive = size <= PeerSuite.NaiveLimit ? Format(Time(() => InteractionPeers.CompileNaive(pairs))) : "not run (stopped at 10,000)";
            var medEngine = Time(() => InteractionPeers.LoadMedEngine(size));
            output.WriteLine($"| {size:N0} | {Format(rulesEngine)} | {naive} | {Format(medEngine)} |");
        }

        output.WriteLine();
        output.WriteLine("| single-drug criteria | RulesEngine: workflow + first request | naive NRules: compile | MedEngine: parse rule text + compile |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var size in new[] { 30, 300 })
        {
            var criteria = CriteriaPeers.Generate(size, patient);
            var rulesEngine = Time(() => CriteriaPeers.CreateRulesEngine(criteria).ExecuteAllRulesAsync("criteria", new RulesEngineInput(patient)).GetAwaiter().GetResult());
            var naive = Time(() => CriteriaPeers.CompileNaive(criteria));
            var medEngine = Time(() => CriteriaPeers.LoadMedEngine(criteria));
            output.WriteLine($"| {size:N0} | {Format(rulesEngine)} | {Format(naive)} | {Format(medEngine)} |");
        }
    }

    /// <summary>One round at a small size, so that the first row does not pay for loading and jitting each engine.</summary>
    private static void Warm()
    {
        var pairs = InteractionTables.Pairs().Take(10).ToList();
        InteractionPeers.CreateRulesEngine(pairs).ExecuteAllRulesAsync("interactions", new RulesEngineInput(PeerSuite.Patient)).GetAwaiter().GetResult();
        InteractionPeers.CompileNaive(pairs);
        InteractionPeers.LoadMedEngine(10);
        var criteria = CriteriaPeers.Generate(3, PeerSuite.Patient);
        CriteriaPeers.CreateRulesEngine(criteria).ExecuteAllRulesAsync("criteria", new RulesEngineInput(PeerSuite.Patient)).GetAwaiter().GetResult();
        CriteriaPeers.CompileNaive(criteria);
        CriteriaPeers.LoadMedEngine(criteria);
    }

    private static TimeSpan Time(Func<object> action)
    {
        var started = Stopwatch.GetTimestamp();
        GC.KeepAlive(action());
        return Stopwatch.GetElapsedTime(started);
    }

    private static string Format(TimeSpan time) =>
        time.TotalSeconds >= 1 ? time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
