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

    internal PatientSession(PatientMedicationState list, IPatientDecisionSupport? support, TimeProvider time, PatientContext? patient)
    {
        _list = list;
        Patient = patient;
        _support = support;
        _time = time;
    }

    /// <summary>What is known about the patient now (the last <see cref="PatientContextChanged"/>), if anything.</summary>
    public PatientContext? Patient { get; private set; }

    /// <summary>The reconciled list as it stands.</summary>
    public ReconciliationResult List => _list.Current;

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
        var count = 0;
        var sourceEvents = new List<SourceEvent>();
        PatientContext? patient = null;
        foreach (var patientEvent in patientEvents)
        {
            count++;
            switch (patientEvent)
            {
                case SourceEvent sourceEvent:
                    sourceEvents.Add(sourceEvent);
                    break;
                case PatientContextChanged changed:
                    ArgumentNullException.ThrowIfNull(changed.Patient, nameof(patientEvents));
                    patient = changed.Patient;
                    break;
                default:
                    throw new ArgumentException($"Unknown event type {patientEvent?.GetType().Name ?? "null"}.", nameof(patientEvents));
            }
        }

        var list = _list.ApplyAll(sourceEvents);
        Patient = patient ?? Patient;
        var findings = _support?.Update(list, patient) ?? FindingsDelta.None;
        MedEngineTelemetry.Updated(count, _time.GetElapsedTime(started), findings, _list.Current.Unresolved.Count);
        activity?.SetTag("medengine.events", count);
        activity?.SetTag("medengine.findings.added", findings.Added.Count);
        return new PatientDelta(list, findings);
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
