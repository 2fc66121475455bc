using Hl7.Fhir.Model;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Maps MedicationStatement, MedicationRequest and MedicationDispense to <see cref="MedicationEntry"/>, as stated (nothing inferred).
/// Name: <c>medicationCodeableConcept</c> text or first display, else the referenced or contained Medication's code.
/// Start/End: <c>effective[x]</c> (statement), <c>dispenseRequest.validityPeriod</c> else <c>authoredOn</c> as start (request),
/// <c>whenHandedOver</c> as start (dispense). LastChanged: <c>meta.lastUpdated</c>, else dateAsserted/authoredOn/whenHandedOver.
/// </summary>
internal static class MedicationEntryMapper
{
    public static MedicationEntry FromStatement(MedicationStatement statement, string entryId, ResourceIndex index)
    {
        var (start, end) = statement.Effective switch
        {
            FhirDateTime at => (FhirDates.Parse(at.Value), (DateTimeOffset?)null),
            Period period => (FhirDates.Parse(period.Start), FhirDates.Parse(period.End)),
            _ => (null, null),
        };
        return Build(
            entryId, statement, statement.Medication, statement.Dosage.FirstOrDefault(), index,
            FhirStatusMap.FromStatement(statement.StatusElement?.JsonValue as string),
            start, end, FhirDates.Parse(statement.DateAsserted),
            Display(statement.InformationSource, index),
            Reason(statement.ReasonCode, statement.ReasonReference));
    }

    public static MedicationEntry FromRequest(MedicationRequest request, string entryId, ResourceIndex index)
    {
        var validity = request.DispenseRequest?.ValidityPeriod;
        var authored = FhirDates.Parse(request.AuthoredOn);
        return Build(
            entryId, request, request.Medication, request.DosageInstruction.FirstOrDefault(), index,
            FhirStatusMap.FromRequest(request.StatusElement?.JsonValue as string),
            FhirDates.Parse(validity?.Start) ?? authored, FhirDates.Parse(validity?.End), authored,
            Display(request.Requester, index),
            Reason(request.ReasonCode, request.ReasonReference));
    }

    public static MedicationEntry FromDispense(MedicationDispense dispense, string entryId, ResourceIndex index)
    {
        var handedOver = FhirDates.Parse(dispense.WhenHandedOver);
        return Build(
            entryId, dispense, dispense.Medication, dispense.DosageInstruction.FirstOrDefault(), index,
            FhirStatusMap.FromDispense(dispense.StatusElement?.JsonValue as string),
            handedOver, null, handedOver,
            dispense.Performer.Select(p => Display(p.Actor, index)).FirstOrDefault(d => d is not null),
            null);
    }

    private static MedicationEntry Build(
        string entryId, DomainResource resource, DataType? medication, Dosage? dosage, ResourceIndex index, EntryStatus status,
        DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset? changed, string? recordedBy, string? reason)
    {
        var concept = medication as CodeableConcept;
        var product = medication is ResourceReference reference ? index.Resolve(reference, resource) as Medication : null;
        var code = concept ?? product?.Code;
        var dose = FhirDosageMapper.Map(dosage);
        return new MedicationEntry
        {
            EntryId = entryId,
            Name = FhirCodings.Text(code) ?? (medication as ResourceReference)?.Display,
            Codings = FhirCodings.Read(code),
            Substances = Substances(product),
            Form = FhirCodings.Text(product?.Form),
            Route = dose.Route,
            Dose = dose.Dose,
            TimesPerDay = dose.TimesPerDay,
            AsNeeded = dose.AsNeeded,
            MaxTimesPerDay = dose.MaxTimesPerDay,
            DosageText = dose.Text,
            Start = start,
            End = end,
            Status = status,
            LastChanged = resource.Meta?.LastUpdated ?? changed,
            RecordedBy = recordedBy,
            Reason = reason,
        };
    }

    private static List<SubstanceStrength> Substances(Medication? product)
    {
        var substances = new List<SubstanceStrength>();
        foreach (var ingredient in product?.Ingredient ?? [])
        {
            var name = ingredient.Item is CodeableConcept c ? FhirCodings.Text(c) : (ingredient.Item as ResourceReference)?.Display;
            if (!string.IsNullOrWhiteSpace(name))
            {
                var denominator = ingredient.Strength?.Denominator?.Value;
                var strength = denominator is null or 1m ? FhirDosageMapper.Dose(ingredient.Strength?.Numerator) : null;
                substances.Add(new SubstanceStrength(name, strength?.Unit == Units.MeasureUnits.ProductUnit ? null : strength));
            }
        }

        return substances;
    }

    private static string? Display(ResourceReference? reference, ResourceIndex index)
    {
        if (reference is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(reference.Display))
        {
            return reference.Display;
        }

        return index.Resolve(reference) switch
        {
            Practitioner p => p.Name.FirstOrDefault()?.ToString(),
            Organization o => o.Name,
            _ => reference.Reference,
        };
    }

    private static string? Reason(List<CodeableConcept> codes, List<ResourceReference> references)
    {
        var reasons = codes.Select(FhirCodings.Text).Concat(references.Select(r => r.Display)).Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
