using MedEngine.Reconciliation;

namespace MedEngine.Rules;

/// <summary>What one event changed: the reconciled list, and the findings.</summary>
/// <param name="List">The change in the reconciled list.</param>
/// <param name="AddedFindings">Findings that are new.</param>
/// <param name="ChangedFindings">Findings whose severity, values or lines changed.</param>
/// <param name="RemovedFindings">Keys of findings that no longer hold.</param>
public sealed record DecisionSupportDelta(ReconciliationDelta List, IReadOnlyList<Finding> AddedFindings, IReadOnlyList<Finding> ChangedFindings, IReadOnlyList<string> RemovedFindings);
