using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine;

/// <summary>
/// The engine a host runs: knowledge, source precedence, decision support and clock, composed once by <see cref="MedEngineBuilder"/>.
/// Immutable and thread-safe; share one per process. It evaluates whole patients at once (<see cref="Evaluate"/>) and opens
/// warm per-patient sessions that take events (<see cref="OpenSession"/>).
/// </summary>
public sealed class MedEngineRuntime
{
    private readonly ReconciliationEngine _reconciliation;
    private readonly IDecisionSupport? _decisionSupport;

    internal MedEngineRuntime(IKnowledgeBase knowledge, SourcePrecedencePolicy policy, IDecisionSupport? decisionSupport, TimeProvider time, IMatchProposer? proposer = null)
    {
        Knowledge = knowledge;
        _reconciliation = new ReconciliationEngine(knowledge, policy, proposer);
        _decisionSupport = decisionSupport;
        Time = time;
    }

    /// <summary>The knowledge base entries are resolved against.</summary>
    public IKnowledgeBase Knowledge { get; }

    /// <summary>Whether the runtime evaluates findings (false when it was built without decision support and only reconciles).</summary>
    public bool HasDecisionSupport => _decisionSupport is not null;

    /// <summary>Which rules evaluate now (<see cref="IDecisionSupport.RuleSetHash"/>); <see langword="null"/> without decision support.</summary>
    public string? RuleSetHash => _decisionSupport?.RuleSetHash;

    /// <summary>The clock: it decides ages, how old lab values are and what "today" is.</summary>
    public TimeProvider Time { get; }

    /// <summary>Reconciles whole source lists and evaluates decision support on the result, once.</summary>
    /// <param name="lists">The lists, one per source.</param>
    /// <param name="patient">What is known about the patient, if anything.</param>
    /// <returns>The reconciled list and its findings.</returns>
    /// <exception cref="ArgumentException">Two lists come from the same source id.</exception>
    public PatientEvaluation Evaluate(IEnumerable<SourceList> lists, PatientContext? patient = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var events = new List<PatientEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            ArgumentNullException.ThrowIfNull(list, nameof(lists));
            if (!seen.Add(list.Source.Id))
            {
                throw new ArgumentException($"Two lists come from source '{list.Source.Id}'; give each source one list.", nameof(lists));
            }

            events.Add(new SourceListReplaced(list));
        }

        var session = OpenSession(patient);
        session.ApplyAll(events);
        return new PatientEvaluation(session.List, session.Findings);
    }

    /// <summary>Opens an empty, warm session for one patient.</summary>
    /// <param name="patient">What is known about the patient, if anything; replace it later with <see cref="PatientContextChanged"/>.</param>
    /// <returns>The session.</returns>
    public PatientSession OpenSession(PatientContext? patient = null) =>
        new(_reconciliation.CreatePatientState(), _decisionSupport?.Open(patient), Time, patient);
}
