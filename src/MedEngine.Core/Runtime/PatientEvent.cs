using MedEngine.Model;

namespace MedEngine;

/// <summary>
/// Something that happened to one patient: a source's list or entry changed (<see cref="Reconciliation.SourceEvent"/>) or what is
/// known about the patient changed (<see cref="PatientContextChanged"/>). A patient session is the fold of its events.
/// </summary>
public abstract record PatientEvent
{
    private protected PatientEvent()
    {
    }
}

/// <summary>What is known about the patient (age, sex, weight, conditions, allergies, lab values) was replaced.</summary>
/// <param name="Patient">The patient as now known.</param>
public sealed record PatientContextChanged(PatientContext Patient) : PatientEvent;
