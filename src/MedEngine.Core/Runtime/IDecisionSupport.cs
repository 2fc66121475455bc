using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine;

/// <summary>
/// The decision-support stage: it is handed what reconciliation changed and answers what changed in the findings. It never
/// reads sources or owns the reconciler, so the flow runs one way. The rule engine (package <c>MedEngine.Rules</c>) implements it;
/// a runtime built without decision support has none. Register one with <see cref="MedEngineBuilder.UseDecisionSupport"/>.
/// </summary>
public interface IDecisionSupport
{
    /// <summary>
    /// Which rules evaluate now, by content (for the rule files, their <c>sha256:</c> hash), recorded with each stored event so
    /// a replay can say whether it used the same rules; <see langword="null"/> when the implementation cannot tell.
    /// </summary>
    string? RuleSetHash { get; }

    /// <summary>Opens the decision support of one patient.</summary>
    /// <param name="patient">What is known about the patient, if anything.</param>
    /// <returns>The patient's decision support, empty until the first list delta.</returns>
    IPatientDecisionSupport Open(PatientContext? patient);
}

/// <summary>One patient's findings, kept warm between events. Not thread-safe: one per patient session.</summary>
public interface IPatientDecisionSupport
{
    /// <summary>Every finding that holds, most severe first, then by key.</summary>
    IReadOnlyList<Finding> Findings { get; }

    /// <summary>Takes what reconciliation changed (and, when it changed, the patient) and evaluates once.</summary>
    /// <param name="list">What changed in the reconciled list.</param>
    /// <param name="patient">The patient as now known, or null when unchanged.</param>
    /// <returns>What changed in the findings.</returns>
    FindingsDelta Update(ReconciliationDelta list, PatientContext? patient);
}
