using System.Runtime.CompilerServices;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Rules;
using MedEngine.Reconciliation;

namespace MedEngine.Benchmarks;

/// <summary>
/// 6. Memory: bytes retained per warm patient state (6 sources x 15 entries, full library), measured over 1,000 patients,
/// and by part. The same patients are built in stages and the managed heap is measured after a full collection at each:
/// the raw source lists alone; a reconciliation-only session on them (a runtime without rules: normalized entries, lines,
/// discrepancies, the per-source state); the full session with the rules; and the findings alone (a copy of each
/// session's findings, kept while the sessions are dropped: the findings with everything they hold, the lines they name
/// excepted when those are shared with the reconciliation part). The decision-support part is the full session less
/// reconciliation; NRules and the facts are that part less the findings.
/// </summary>
internal static class RetainedMemory
{
    private const int Patients = 1_000;

    public static void Report(TextWriter output, bool hold = false)
    {
        var withRules = Workload.Runtime(Workload.Library);
        var withoutRules = new MedEngineBuilder().UseKnowledge(Workload.Knowledge).UseTimeProvider(Workload.Time).Build();

        // Warm everything shared (knowledge, rules, the normalizer's caches) on patients that are not measured.
        foreach (var seed in Enumerable.Range(Patients, 20))
        {
            Open(withRules, Workload.Lists(seed, sources: 6, entries: 15));
            Open(withoutRules, Workload.Lists(seed, sources: 6, entries: 15));
        }

        var empty = Measure();
        var lists = Enumerable.Range(0, Patients).Select(i => Workload.Lists(seed: i, sources: 6, entries: 15)).ToList();
        var raw = Measure() - empty;

        var reconciliation = Reconciled(withoutRules, lists) - empty - raw;
        var start = Measure();
        var findingsOnly = Full(withRules, lists, hold, output, out var full, out var lines, out var findingCount);
        var findings = Measure() - start;
        GC.KeepAlive(findingsOnly);
        GC.KeepAlive(lists);

        var rules = full - reconciliation;
        output.WriteLine($"Retained per warm patient (6 sources x 15 entries, {lines:0.#} lines and {findingCount:0.#} findings ({NotChecked:0.#} not checked) on average, full library), over {Patients} patients:");
        output.WriteLine();
        output.WriteLine("| part | bytes per patient |");
        output.WriteLine("|---|---:|");
        output.WriteLine($"| raw source lists (the input, held by the session for provenance) | {raw / Patients:N0} |");
        output.WriteLine($"| reconciliation (normalized entries, lines, discrepancies, source state) | {reconciliation / Patients:N0} |");
        output.WriteLine($"| decision support: NRules session and facts | {(rules - findings) / Patients:N0} |");
        output.WriteLine($"| decision support: findings | {findings / Patients:N0} |");
        output.WriteLine($"| of which the lines' texts (reasons, discrepancy details) | {LineTexts / Patients:N0} |");
        output.WriteLine($"| of which the findings' texts (keys, explanations, values) | {FindingTexts / Patients:N0} |");
        output.WriteLine($"| **warm session (all but the raw lists)** | **{full / Patients:N0}** |");
        output.WriteLine($"| warm session and raw lists | {(full + raw) / Patients:N0} |");
    }

    /// <summary>
    /// The decision-support bytes per patient of each folder of the rule library alone (the full session with that folder's
    /// rules, less a reconciliation-only session), over 200 patients: which rules the NRules part comes from.
    /// </summary>
    public static void ReportByFolder(TextWriter output)
    {
        const int patients = 200;
        var lists = Enumerable.Range(0, patients).Select(i => Workload.Lists(seed: i, sources: 6, entries: 15)).ToList();
        var withoutRules = new MedEngineBuilder().UseKnowledge(Workload.Knowledge).UseTimeProvider(Workload.Time).Build();
        var baseline = Measure();
        var reconciliation = Reconciled(withoutRules, lists) - baseline;
        output.WriteLine("| rule folder | rules | decision support, bytes per patient | findings per patient |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var folder in Directory.GetDirectories(Path.Combine(Workload.Root, "rules")).Order(StringComparer.Ordinal))
        {
            RuleSet rules;
            try
            {
                rules = RuleSet.Load(folder, Workload.Knowledge, Workload.Time);
            }
            catch (InputException e)
            {
                output.WriteLine($"| {Path.GetFileName(folder)} | not loadable alone: {e.Message.Split('\n')[0]} | | |");
                continue;
            }

            var runtime = Workload.Runtime(rules);
            var findings = Full(runtime, lists, hold: false, output, out var full, out _, out var perPatient);
            GC.KeepAlive(findings);
            output.WriteLine($"| {Path.GetFileName(folder)} | {rules.Rules.Count} | {(full - reconciliation) / patients:N0} | {perPatient:0.#} |");
        }

        GC.KeepAlive(lists);
    }

    /// <summary>The heap with a reconciliation-only session per patient; the sessions are gone when it returns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Reconciled(MedEngineRuntime runtime, List<List<SourceList>> lists)
    {
        var sessions = lists.Select(patient => Open(runtime, patient)).ToList();
        var heap = Measure();
        GC.KeepAlive(sessions);
        return heap;
    }

    /// <summary>Builds the full sessions, measures them, and returns only a copy of their findings (in a method of its own, so no local keeps the sessions).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<Finding[]> Full(MedEngineRuntime runtime, List<List<SourceList>> lists, bool hold, TextWriter output, out long retained, out double lines, out double findings)
    {
        var start = Measure();
        var sessions = lists.Select(patient => Open(runtime, patient)).ToList();
        retained = Measure() - start;
        lines = sessions.Average(s => s.List.Lines.Count);
        LineTexts = sessions.Sum(s => s.List.Lines.Sum(l => Size(l.Proposed.Reason) + l.Discrepancies.Sum(d => Size(d.Detail))));
        FindingTexts = sessions.Sum(s => s.Findings.Sum(f => Size(f.Key) + Size(f.Explanation) + f.Values.Sum(Size)));
        findings = sessions.Average(s => s.Findings.Count);
        NotChecked = sessions.Average(s => s.Findings.Count(f => f.Category == FindingCategory.NotChecked));
        if (hold)
        {
            output.WriteLine($"Holding {Patients} warm patients in process {Environment.ProcessId}; press Enter to go on (dotnet-gcdump collect -p {Environment.ProcessId}).");
            Console.ReadLine();
        }

        return sessions.Select(s => s.Findings.ToArray()).ToList();
    }

    /// <summary>Bytes of the lines' reason and discrepancy texts, all patients (each text is made for its patient).</summary>
    private static long LineTexts { get; set; }

    /// <summary>The not-checked findings per patient, on average.</summary>
    private static double NotChecked { get; set; }

    /// <summary>Bytes of the findings' keys, explanations and values, all patients.</summary>
    private static long FindingTexts { get; set; }

    /// <summary>The heap size of a string on 64 bits: header, length, UTF-16 characters and terminator, rounded up to 8.</summary>
    private static long Size(string? text) => text is null ? 0 : (22 + (2L * text.Length) + 7) / 8 * 8;

    private static PatientSession Open(MedEngineRuntime runtime, List<SourceList> patient)
    {
        var session = runtime.OpenSession(Workload.Patient);
        session.ApplyAll(patient.Select(list => new SourceListReplaced(list)));
        return session;
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
