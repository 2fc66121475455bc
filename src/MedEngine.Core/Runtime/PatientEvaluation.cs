using MedEngine.Reconciliation;
using MedEngine.Findings;

namespace MedEngine;

/// <summary>A whole patient evaluated at once: the reconciled list and every finding on it.</summary>
/// <param name="List">The reconciled list.</param>
/// <param name="Findings">The findings, most severe first, then by key (empty when the runtime has no rules).</param>
public sealed record PatientEvaluation(ReconciliationResult List, IReadOnlyList<Finding> Findings);
