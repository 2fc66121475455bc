using Hl7.Fhir.Model;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Maps MedicationStatement, MedicationRequest and MedicationDispense to <see cref="MedicationEntry"/>, as stated (nothing inferred).
/// Name: <c>medicationCodeableConcept</c> text or first display, else the referenced or contained Medication's code.
/// Start/End: <c>effective[x]</c> (statement), <c>dispenseRequest.validityPeriod</c> else <c>authoredOn</c> as start (request),
/// <c>whenHandedOver</c> as start (dispense). LastChanged: <c>meta.lastUpdated</c>, else dateAsserted/authoredOn/whenHandedOver,
/// else (statement) the <c>sfm-regInfo</c> timestamp. A statement's <c>sfm-regInfo</c> is kept as its registration, and its provider is
/// RecordedBy when <c>informationSource</c> is not given. A magistral preparation (<c>sfm-Magistrell-Medication</c>) is named by its
/// <c>sfm-name</c>, has no product code (its code only says "Magistrell") and has its active ingredients as substances; inactive
/// ingredients (<c>isActive</c> false: the base, "ad") are not substances. SFM's prescription of goods that are not medicines
/// (<c>sfm-BandaPrescription</c>) is an entry named by its product group, with its dosage text (<c>dssn</c>) and RF status.
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
        var registration = Registration(statement, index);
        return Build(
            entryId, statement, statement.Medication, statement.Dosage.FirstOrDefault(), index,
            FhirStatusMap.FromStatement(statement.StatusElement?.JsonValue as string),
            start, end, FhirDates.Parse(statement.DateAsserted) ?? registration?.At,
            Display(statement.InformationSource, index) ?? registration?.Provider,
            Reason(statement.ReasonCode, statement.ReasonReference)) with { Registration = registration };
    }

    /// <summary>SFM's prescription of goods that are not medicines: it names no medication, only its product group.</summary>
    public static MedicationEntry FromOtherPrescription(Basic prescription, string entryId, ResourceIndex index) => new()
    {
        EntryId = entryId,
        Name = SfmProfiles.Text(SfmProfiles.Value(prescription, SfmProfiles.BandaDetails, "productgroup")) ?? FhirCodings.Text(prescription.Code),
        DosageText = SfmProfiles.Text(SfmProfiles.Value(prescription, SfmProfiles.PrescriptionAmendment, "dssn")),
        Status = PrescriptionStatus(prescription),
        LastChanged = prescription.Meta?.LastUpdated,
        RecordedBy = Display(prescription.Author, index),
    };

    /// <summary>
    /// The e-prescription registry's status of an SFM prescription (<c>sfm-reseptamendment</c>, <c>rfstatus</c>): <c>E</c>
    /// (ekspederbar: valid, can be dispensed) → Active, <c>T</c> (tilbakekalt: recalled) → Stopped, anything else → Unknown.
    /// </summary>
    private static EntryStatus PrescriptionStatus(DomainResource prescription)
    {
        var rfStatus = prescription.Extension.FirstOrDefault(e => e.Url == SfmProfiles.PrescriptionAmendment)?
            .Extension.FirstOrDefault(e => e.Url == "rfstatus")?.Extension.FirstOrDefault(e => e.Url == "status")?.Value as CodeableConcept;
        return rfStatus?.Coding.FirstOrDefault()?.Code switch
        {
            "E" => EntryStatus.Active,
            "T" => EntryStatus.Stopped,
            _ => EntryStatus.Unknown,
        };
    }

    private static EntryRegistration? Registration(DomainResource resource, ResourceIndex index)
    {
        if (!resource.Extension.Any(e => e.Url == SfmProfiles.RegInfo))
        {
            return null;
        }

        string? Part(string part) => SfmProfiles.Text(SfmProfiles.Value(resource, SfmProfiles.RegInfo, part));
        return new EntryRegistration(
            Part("status"),
            Part("type"),
            Display(SfmProfiles.Value(resource, SfmProfiles.RegInfo, "provider") as ResourceReference, index),
            FhirDates.Parse((SfmProfiles.Value(resource, SfmProfiles.RegInfo, "timestamp") as FhirDateTime)?.Value));
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
        var magistral = SfmProfiles.Claims(product, SfmProfiles.MagistralMedication);
        var code = magistral ? null : concept ?? product?.Code;
        var dose = FhirDosageMapper.Map(dosage);
        return new MedicationEntry
        {
            EntryId = entryId,
            Name = (magistral ? SfmProfiles.Text(SfmProfiles.Value(product!, SfmProfiles.Name)) : null)
                ?? FhirCodings.Text(code) ?? (medication as ResourceReference)?.Display,
            Codings = FhirCodings.Read(code),
            Substances = Substances(product, index),
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

    private static List<SubstanceStrength> Substances(Medication? product, ResourceIndex index)
    {
        var substances = new List<SubstanceStrength>();
        foreach (var ingredient in product?.Ingredient.Where(i => i.IsActive != false) ?? [])
        {
            var name = ingredient.Item switch
            {
                CodeableConcept c => FhirCodings.Text(c),
                ResourceReference r => index.Resolve(r, product) switch
                {
                    Substance substance => FhirCodings.Text(substance.Code),
                    Medication medication => FhirCodings.Text(medication.Code),
                    _ => null,
                } ?? r.Display,
                _ => null,
            };
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
