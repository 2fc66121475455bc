using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Findings;

namespace MedEngine;

/// <summary>
/// One patient, kept warm: each event goes through reconciliation, and what reconciliation changed goes on to decision
/// support; the answer is one <see cref="PatientDelta"/>. Cost follows the change. Created by
/// <see cref="MedEngineRuntime.OpenSession"/>. Not thread-safe: one session per patient, its events applied in order.
/// </summary>
public sealed class PatientSession
{
    private readonly PatientMedicationState _list;
    private readonly IPatientDecisionSupport? _support;
    private readonly TimeProvider _time;
    private readonly List<FindingOverride> _overrides = [];
    private readonly DecisionOverlay _decisions;
    private ReconciliationResult? _overlaid;

    internal PatientSession(PatientMedicationState list, IPatientDecisionSupport? support, TimeProvider time, PatientContext? patient)
    {
        _list = list;
        _decisions = new DecisionOverlay(list.Redose);
        Patient = patient;
        _support = support;
        _time = time;
    }

    /// <summary>What is known about the patient now (the last <see cref="PatientContextChanged"/>), if anything.</summary>
    public PatientContext? Patient { get; private set; }

    /// <summary>The reconciled list as it stands, each decided line as decided (<see cref="Confirmed"/>), or re-opened with <c>MR013</c>.</summary>
    public ReconciliationResult List => _decisions.IsEmpty ? _list.Current : _overlaid ??= _list.Current with { Lines = _list.Current.Lines.Select(_decisions.Overlay).ToList() };

    /// <summary>Every finding that holds, most severe first, then by key; empty when the runtime has no rules.</summary>
    public IReadOnlyList<Finding> Findings => _support?.Findings ?? [];

    /// <summary>The overrides recorded for this patient, oldest first.</summary>
    public IReadOnlyList<FindingOverride> Overrides => _overrides;

    /// <summary>Applies one event and returns what changed in the list and in the findings.</summary>
    /// <param name="patientEvent">The event.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentException">The event names a source or entry this patient does not have.</exception>
    public PatientDelta Apply(PatientEvent patientEvent) => ApplyAll([patientEvent]);

    /// <summary>
    /// Applies several events in order (for example every list of a patient at once) and evaluates once: each line they touch
    /// is rebuilt once and the rules fire once.
    /// </summary>
    /// <param name="patientEvents">The events, in order.</param>
    /// <returns>The changes they made together.</returns>
    /// <exception cref="ArgumentException">An event names a source or entry this patient does not have.</exception>
    public PatientDelta ApplyAll(IEnumerable<PatientEvent> patientEvents)
    {
        ArgumentNullException.ThrowIfNull(patientEvents);
        using var activity = MedEngineTelemetry.Activities.StartActivity(MedEngineTelemetry.UpdateActivity);
        var started = _time.GetTimestamp();
        var events = patientEvents.ToList();
        var list = events.Any(e => e is LineDecided or ListConfirmed) ? ApplyInOrder(events) : _list.ApplyAll(events.Select(Source).OfType<SourceEvent>().ToList());
        var patient = events.OfType<PatientContextChanged>().LastOrDefault()?.Patient;
        Patient = patient ?? Patient;
        _overlaid = null;
        if (!_decisions.IsEmpty)
        {
            var decided = events.OfType<LineDecided>().Select(d => d.LineId).Concat(list.ChangedLines.Select(l => l.Id)).Where(id => list.AddedLines.All(l => l.Id != id)).ToHashSet(StringComparer.Ordinal);
            list = list with
            {
                AddedLines = list.AddedLines.Select(_decisions.Overlay).ToList(),
                ChangedLines = _list.Current.Lines.Where(l => decided.Contains(l.Id)).Select(_decisions.Overlay).ToList(),
            };
        }

        var findings = _support?.Update(list, patient) ?? FindingsDelta.None;
        MedEngineTelemetry.Updated(events.Count, _time.GetElapsedTime(started), findings, _list.Current.Unresolved.Count);
        activity?.SetTag("medengine.events", events.Count);
        activity?.SetTag("medengine.findings.added", findings.Added.Count);
        return new PatientDelta(list, findings);
    }

    /// <summary>The list with the clinicians' decisions: each line decided or open, the last confirmation and what changed since.</summary>
    public ConfirmedList Confirmed => _decisions.View(_list.Current);

    /// <summary>The confirmed matches of entries that did not resolve, the decisions in force and the last confirmation, as the events that restore them after the lists in a fresh session.</summary>
    public IReadOnlyList<PatientEvent> Decisions => [.. _list.Matches, .. _decisions.Events()];

    /// <summary>The list change an event makes; null for the patient's facts.</summary>
    private static SourceEvent? Source(PatientEvent patientEvent) => patientEvent switch
    {
        SourceEvent sourceEvent => sourceEvent,
        PatientContextChanged changed => changed.Patient is null ? throw new ArgumentException("A patientContextChanged event needs the patient.", nameof(patientEvent)) : null,
        _ => throw new ArgumentException($"Unknown event type {patientEvent?.GetType().Name ?? "null"}.", nameof(patientEvent)),
    };

    /// <summary>
    /// Applies events where decisions are among list changes, each in its place (a decision is made on the list as it stands
    /// then), and answers what changed from the list before to the list after.
    /// </summary>
    private ReconciliationDelta ApplyInOrder(List<PatientEvent> events)
    {
        var before = _list.Current;
        var pending = new List<SourceEvent>();
        var superseded = new List<SourceListReplaced>();
        var sourcesChanged = false;
        void Flush()
        {
            if (pending.Count > 0)
            {
                var delta = _list.ApplyAll(pending);
                superseded.AddRange(delta.Superseded);
                sourcesChanged |= delta.SourcesChanged;
                pending.Clear();
            }
        }

        foreach (var patientEvent in events)
        {
            switch (patientEvent)
            {
                case LineDecided decided:
                    Flush();
                    _decisions.Decide(decided, _list.Current);
                    break;
                case ListConfirmed confirmed:
                    Flush();
                    _decisions.Confirm(confirmed, _list.Current);
                    break;
                default:
                    if (Source(patientEvent) is { } source)
                    {
                        pending.Add(source);
                    }

                    break;
            }
        }

        Flush();
        var after = _list.Current;
        var was = before.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var unresolvedBefore = before.Unresolved.Select(u => new EntryReference(u.Entry.Source.Id, u.Entry.Entry.EntryId)).ToHashSet();
        var unresolvedAfter = after.Unresolved.Select(u => new EntryReference(u.Entry.Source.Id, u.Entry.Entry.EntryId)).ToHashSet();
        return new ReconciliationDelta(
            after.Lines.Where(l => !was.ContainsKey(l.Id)).ToList(),
            after.Lines.Where(l => was.TryGetValue(l.Id, out var old) && !old.IsEquivalentTo(l)).ToList(),
            before.Lines.Where(l => after.Lines.All(a => a.Id != l.Id)).Select(l => l.Id).ToList(),
            after.Unresolved.Where(u => !unresolvedBefore.Contains(new EntryReference(u.Entry.Source.Id, u.Entry.Entry.EntryId))).ToList(),
            unresolvedBefore.Where(r => !unresolvedAfter.Contains(r)).ToList(),
            sourcesChanged) { Superseded = superseded };
    }

    /// <summary>Records a clinician's override: the finding then stays quiet in the same context (see <see cref="Interrupting"/>).</summary>
    /// <param name="decision">The override.</param>
    public void Override(FindingOverride decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _overrides.Add(decision);
    }

    /// <summary>The findings that should interrupt the clinician now: those the filter passes and nobody overrode in this context.</summary>
    /// <param name="filter">The host's filter.</param>
    /// <param name="context">The context (for example an encounter id).</param>
    /// <returns>The findings, most severe first.</returns>
    public IReadOnlyList<Finding> Interrupting(FindingFilter filter, string context)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Findings.Where(f => filter.Passes(f) && !_overrides.Any(o => o.FindingKey == f.Key && o.Context == context)).ToList();
    }
}
