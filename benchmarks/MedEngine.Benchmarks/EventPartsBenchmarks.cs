using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using MedEngine.Serialization;
using NRules;

namespace MedEngine.Benchmarks;

/// <summary>
/// 10. Parts of the event and batch paths, each alone, on the incremental suite's patient (20 lines, full library plus a
/// 10,000-pair table): the whole event (the baseline), reconciliation alone, one entry normalized, one line rebuilt with
/// its discrepancy texts, one NRules fact update and fire, a fresh NRules session, one finding built, its explanation
/// text, and one 15-entry list read from JSON. The profile that says what limits the event and the batch.
/// </summary>
[MemoryDiagnoser]
public class EventPartsBenchmarks
{
    private PatientSession _whole = null!;
    private PatientSession _listOnly = null!;
    private SourceEvent[] _entryChanges = [];
    private EntryNormalizer _normalizer = null!;
    private MedicationSource _source = null!;
    private MedicationEntry[] _entries = [];
    private LineBuilder _lineBuilder = null!;
    private ReconciledLine _line = null!;
    private IReadOnlyList<MedicationSource> _sources = [];
    private ISession _session = null!;
    private RuleSet _rules = null!;
    private MedicationFact[] _facts = [];
    private List<MedicationFact> _allFacts = [];
    private PatientFact _patient = null!;
    private FindingFactory _factory = null!;
    private RuleMatch _match = null!;
    private Finding _finding = null!;
    private string _json = "";
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        _rules = RuleSet.Compile([.. Workload.Library.Rules, InteractionTables.Rule(InteractionTables.Load(10_000))], Workload.Time);
        var list = Workload.PatientWithLines(20);
        _whole = Workload.Runtime(_rules).OpenSession(Workload.Patient);
        _whole.Apply(new SourceListReplaced(list));
        _listOnly = new MedEngineBuilder().UseKnowledge(Workload.Knowledge).UseTimeProvider(Workload.Time).Build().OpenSession(Workload.Patient);
        _listOnly.Apply(new SourceListReplaced(list));
        var entry = list.Entries[3];
        _entryChanges = [new EntryUpserted(list.Source, entry with { DosageText = "1x3" }), new EntryUpserted(list.Source, entry)];
        _source = list.Source;
        _entries = [entry with { DosageText = "1x3" }, entry];
        _normalizer = new EntryNormalizer(Workload.Knowledge);

        var reconciled = Workload.Engine.Reconcile(Workload.Lists(seed: 42, sources: 6, entries: 15));
        _line = reconciled.Lines.OrderByDescending(l => l.Entries.Count).First();
        _sources = reconciled.Sources;
        _lineBuilder = new LineBuilder(SourcePrecedencePolicy.Default);

        var today = DateOnly.FromDateTime(Workload.Time.GetUtcNow().UtcDateTime);
        _patient = new PatientFact(Workload.Patient, today);
        _allFacts = _whole.List.Lines.Where(MedicationFact.IsCurrent).Select(l => new MedicationFact(l, today)).ToList();
        var changed = _listOnly.Apply(_entryChanges[0]).List.ChangedLines[0];
        var asItIs = _allFacts.Single(f => f.LineId == changed.Id);
        _facts = [new MedicationFact(changed, today), asItIs];
        _listOnly.Apply(_entryChanges[1]);
        _session = Fresh();

        var rule = _rules.Rules.First(r => r.Kind == "interaction" && PairRuleGroup.CanHold(r) && r.Modifiers.Count > 0);
        _factory = new FindingFactory(rule, Workload.Time);
        _match = RuleMatch.Of(_allFacts.Take(2).ToList(), _patient, LabFacts.From(_patient, Workload.Time.GetUtcNow()));
        _finding = _factory.Create(_match);

        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            SourceListJsonWriter.WriteList(writer, Workload.Lists(seed: 42, sources: 1, entries: 15)[0], null);
        }

        _json = Encoding.UTF8.GetString(json.ToArray());
    }

    [Benchmark(Baseline = true, Description = "MedEngine event, whole (entry changed)")]
    public PatientDelta Whole() => _whole.Apply(_entryChanges[_turn++ & 1]);

    [Benchmark(Description = "reconciliation alone (entry normalized, line rebuilt)")]
    public PatientDelta ReconciliationAlone() => _listOnly.Apply(_entryChanges[_turn++ & 1]);

    [Benchmark(Description = "one entry normalized (cached wording)")]
    public NormalizedEntry NormalizeEntry() => _normalizer.Normalize(_source, _entries[_turn++ & 1]);

    [Benchmark(Description = "one line rebuilt with its discrepancy texts (6 sources)")]
    public ReconciledLine RebuildLine() => _lineBuilder.Build(_line.Id, _line.Entries, _sources, []);

    [Benchmark(Description = "NRules: one fact updated and fired (warm, full library)")]
    public int NRulesUpdate()
    {
        _session.Update(_facts[_turn++ & 1]);
        return _session.Fire();
    }

    [Benchmark(Description = "NRules: fresh session, 20 lines inserted and fired")]
    public ISession NRulesFreshSession() => Fresh();

    [Benchmark(Description = "one finding built (values, no explanation)")]
    public Finding BuildFinding() => _factory.Create(_match);

    [Benchmark(Description = "one explanation text built")]
    public string BuildExplanation() => _finding.Explanation;

    [Benchmark(Description = "one 15-entry list read from JSON")]
    public SourceReadResult ReadJson() => new SourceListJsonReader().Read(_json, "list.json");

    private ISession Fresh()
    {
        var session = _rules.SessionFactory.CreateSession();
        session.Insert(_patient);
        session.InsertAll(LabFacts.From(_patient, Workload.Time.GetUtcNow()));
        session.InsertAll(_allFacts);
        session.Fire();
        return session;
    }
}
