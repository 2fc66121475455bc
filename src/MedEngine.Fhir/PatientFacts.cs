using Hl7.Fhir.Model;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Collects what the input says about one patient: Patient (birth date, gender), Observations (each as a lab result; body weight from
/// LOINC 29463-7, the latest, in kg), Conditions and AllergyIntolerances (as clinical codes, resolved and inactive ones
/// included as history; refuted and entered-in-error ones are counted as skipped, not carried).
/// </summary>
internal sealed class PatientFacts(string? id)
{
    private readonly List<ClinicalCode> _conditions = [];
    private readonly List<ClinicalCode> _allergies = [];
    private readonly List<LabResult> _labs = [];
    private Patient? _patient;
    private (DateTimeOffset? At, decimal Kg)? _weight;

    public bool HasFacts => _patient is not null || _conditions.Count > 0 || _allergies.Count > 0 || _labs.Count > 0;

    public void Add(Patient patient) => _patient ??= patient;

    /// <summary>Adds a condition; returns the skip reason when it is not current.</summary>
    public string? Add(Condition condition)
    {
        if (NotTrue(condition.VerificationStatus) is { } reason)
        {
            return reason;
        }

        if (FhirCodings.ToClinicalCode(condition.Code) is { } code)
        {
            _conditions.Add(code);
            return null;
        }

        return "no code";
    }

    /// <summary>Adds an allergy; returns the skip reason when it is not current.</summary>
    public string? Add(AllergyIntolerance allergy)
    {
        if (NotCurrent(allergy.ClinicalStatus, allergy.VerificationStatus) is { } reason)
        {
            return reason;
        }

        if (FhirCodings.ToClinicalCode(allergy.Code) is { } code)
        {
            _allergies.Add(code);
            return null;
        }

        return "no code";
    }

    /// <summary>Adds an observation; returns the skip reason when it has no code.</summary>
    public string? Add(Observation observation)
    {
        if (FhirCodings.ToClinicalCode(observation.Code) is not { } code)
        {
            return "no code";
        }

        var quantity = observation.Value as Hl7.Fhir.Model.Quantity;
        var effective = observation.Effective switch
        {
            FhirDateTime at => FhirDates.Parse(at.Value),
            Period p => FhirDates.Parse(p.Start),
            Instant i => i.Value,
            _ => null,
        };
        _labs.Add(new LabResult(code, quantity?.Value, quantity?.Unit ?? quantity?.Code, effective));
        var isWeight = observation.Code.Coding.Any(c => c.System == FhirSystems.Loinc && c.Code == FhirSystems.BodyWeightLoinc);
        if (isWeight && Kilograms(quantity) is { } kg && (_weight is null || effective > _weight.Value.At))
        {
            _weight = (effective, kg);
        }

        return null;
    }

    public PatientContext? ToContext()
    {
        if (id is null && !HasFacts)
        {
            return null;
        }

        return new PatientContext
        {
            Id = id,
            BirthDate = FhirDates.ParseDate(_patient?.BirthDate),
            Sex = _patient?.GenderElement?.JsonValue as string,
            WeightKg = _weight?.Kg,
            Conditions = _conditions,
            Allergies = _allergies,
            Labs = _labs,
        };
    }

    private static decimal? Kilograms(Hl7.Fhir.Model.Quantity? quantity) =>
        quantity?.Value is not { } value ? null
        : (quantity.Code ?? quantity.Unit)?.ToLowerInvariant() switch
        {
            "kg" or null => value,
            "g" => value / 1000m,
            "[lb_av]" or "lb" or "lbs" => Math.Round(value * 0.45359237m, 3),
            _ => null,
        };

    /// <summary>Why a condition is left out: only when it was refuted or entered in error. Resolved and inactive conditions are history rules need (a past gastrointestinal bleed).</summary>
    private static string? NotTrue(CodeableConcept? verification) =>
        verification?.Coding.Select(c => c.Code).FirstOrDefault() switch
        {
            "refuted" => "refuted",
            "entered-in-error" => "entered-in-error",
            _ => null,
        };

    /// <summary>Why an allergy is left out: refuted, entered in error, or no longer active.</summary>
    private static string? NotCurrent(CodeableConcept? clinical, CodeableConcept? verification) =>
        NotTrue(verification) ?? (clinical?.Coding.Select(c => c.Code).FirstOrDefault() is "inactive" or "resolved" ? "inactive" : null);
}
