using MedEngine.Reconciliation;
using MedEngine.Rules;

namespace MedEngine.Benchmarks;

/// <summary>
/// 6. Memory, the NRules part: which nodes of the rule network a warm patient's session touches and how many elements
/// (facts, tuples) each holds, by node type and by rule, averaged over 200 patients. NRules keeps a memory and a
/// <c>NodeMetrics</c> for every node a session touches, so the touched nodes and their elements are what the session retains.
/// </summary>
internal static class RetainedNodes
{
    private const int Patients = 200;

    public static void Report(TextWriter output)
    {
        var library = Workload.Library;
        var reconciliation = new MedEngineBuilder().UseKnowledge(Workload.Knowledge).UseTimeProvider(Workload.Time).Build();
        var schema = library.SessionFactory.GetSchema().Nodes.ToDictionary(n => n.Id);
        var byType = new Dictionary<string, (double Nodes, double Elements)>(StringComparer.Ordinal);
        var byRule = new Dictionary<string, (double Nodes, double Elements)>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(Workload.Now.UtcDateTime);
        foreach (var seed in Enumerable.Range(0, Patients))
        {
            var state = reconciliation.OpenSession(Workload.Patient);
            state.ApplyAll(Workload.Lists(seed, sources: 6, entries: 15).Select(list => new SourceListReplaced(list)));
            var patient = new PatientFact(Workload.Patient, today);
            var session = library.SessionFactory.CreateSession();
            session.Insert(patient);
            session.InsertAll(LabFacts.From(patient, Workload.Now));
            session.InsertAll(state.List.Lines.Where(MedicationFact.IsCurrent).Select(line => new MedicationFact(line, today)));
            session.Fire();
            foreach (var metrics in session.Metrics.GetAll())
            {
                var node = schema[metrics.NodeId];
                var rule = node.Rules.Count() switch
                {
                    0 => "(no rule: root and type nodes)",
                    1 => node.Rules.Single().Name,
                    var n => $"(shared by {n} rules)",
                };
                Add(byType, node.NodeType.ToString(), metrics.ElementCount ?? 0);
                Add(byRule, rule, metrics.ElementCount ?? 0);
            }
        }

        Write(output, "node type", byType);
        output.WriteLine();
        Write(output, "rule (NRules rule; the rule files' rules are grouped into a few)", byRule);
    }

    private static void Add(Dictionary<string, (double Nodes, double Elements)> totals, string key, int elements)
    {
        var (nodes, count) = totals.GetValueOrDefault(key);
        totals[key] = (nodes + (1.0 / Patients), count + ((double)elements / Patients));
    }

    private static void Write(TextWriter output, string what, Dictionary<string, (double Nodes, double Elements)> totals)
    {
        output.WriteLine($"| {what} | nodes touched per session | elements held per session |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (key, (nodes, elements)) in totals.OrderByDescending(t => t.Value.Nodes))
        {
            output.WriteLine($"| {key} | {nodes:0.#} | {elements:0.#} |");
        }

        output.WriteLine($"| total | {totals.Values.Sum(t => t.Nodes):0.#} | {totals.Values.Sum(t => t.Elements):0.#} |");
    }
}
