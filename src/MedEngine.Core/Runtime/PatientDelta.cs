using MedEngine.Findings;
using MedEngine.Reconciliation;

namespace MedEngine;

/// <summary>What one event (or one batch of events) changed for a patient: the reconciled list, and the findings.</summary>
/// <param name="List">The change in the reconciled list.</param>
/// <param name="Findings">The change in the findings.</param>
public sealed record PatientDelta(ReconciliationDelta List, FindingsDelta Findings)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => List.IsEmpty && Findings.IsEmpty;
}
