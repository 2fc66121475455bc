using Hl7.Fhir.Model;
using MedEngine.Model;
using MedEngine.Normalization;
using MedEngine.Reconciliation;

namespace MedEngine.Fhir;

/// <summary>Builds the MedicationStatements of the output bundle: one per source entry, and one per reconciled line.</summary>
internal static class StatementFactory
{
    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>A source entry as it was stated, identified by <c>https://medengine.no/fhir/source/{sourceId}</c> and its entry id.</summary>
    public static MedicationStatement ForSourceEntry(NormalizedEntry normalized, ResourceReference subject)
    {
        var entry = normalized.Entry;
        var concept = new CodeableConcept { Text = entry.Name };
        concept.Coding.AddRange(entry.Codings.Select(c => new Coding(FhirCodings.ToUri(c.System), c.Code, c.Display)));
        if (concept.Text is null && concept.Coding.Count == 0)
        {
            concept.Text = entry.EntryId;
        }

        var statement = Statement(entry, entry.Status, concept, subject);
        statement.Identifier.Add(new Identifier(FhirSystems.SourcePrefix + Uri.EscapeDataString(normalized.Source.Id), entry.EntryId));
        statement.InformationSource = new ResourceReference { Display = $"{normalized.Source.Id} ({SourceKinds.ToName(normalized.Source.Kind)})" };
        return statement;
    }

    /// <summary>The proposed state of a line: ATC codings of its substances, the chosen entry's dosage, derived from every source entry.</summary>
    public static MedicationStatement ForLine(ReconciledLine line, ResourceReference subject, IEnumerable<ResourceReference> derivedFrom)
    {
        var from = line.Proposed.From;
        var concept = new CodeableConcept
        {
            Text = from.Entry.Name ?? string.Join(" + ", line.Substances.Select(s => s.NameNb)),
        };
        concept.Coding.AddRange(line.Substances.Where(s => s.Atc is not null).Select(s => new Coding(FhirSystems.Atc, s.Atc, s.NameNb)));
        var statement = Statement(from.Entry, line.Proposed.Status, concept, subject);
        statement.Identifier.Add(new Identifier(FhirSystems.Line, line.Id));
        statement.InformationSource = new ResourceReference { Display = $"{from.Source.Id} ({SourceKinds.ToName(from.Source.Kind)})" };
        statement.DerivedFrom.AddRange(derivedFrom);
        if (!string.IsNullOrWhiteSpace(line.Proposed.Reason))
        {
            statement.Note.Add(new Annotation { Text = new Markdown(line.Proposed.Reason) });
        }

        return statement;
    }

    private static MedicationStatement Statement(MedicationEntry entry, EntryStatus status, CodeableConcept medication, ResourceReference subject)
    {
        var statement = new MedicationStatement
        {
            Status = FhirStatusMap.ToStatement(status),
            Medication = medication,
            Subject = subject,
        };
        if (entry.Start is not null || entry.End is not null)
        {
            statement.Effective = new Period { StartElement = Date(entry.Start), EndElement = Date(entry.End) };
        }

        if (entry.LastChanged is { } changed)
        {
            statement.DateAssertedElement = new FhirDateTime(changed);
        }

        if (!string.IsNullOrWhiteSpace(entry.Reason))
        {
            statement.ReasonCode.Add(new CodeableConcept { Text = entry.Reason });
        }

        if (Dosage(entry) is { } dosage)
        {
            statement.Dosage.Add(dosage);
        }

        return statement;
    }

    private static Dosage? Dosage(MedicationEntry entry)
    {
        var dosage = new Dosage { Text = entry.DosageText };
        if (entry.AsNeeded)
        {
            dosage.AsNeeded = new FhirBoolean(true);
        }

        if (entry.Route is not null)
        {
            dosage.Route = new CodeableConcept { Text = entry.Route };
        }

        if (entry.Dose is { } dose)
        {
            dosage.DoseAndRate.Add(new Dosage.DoseAndRateComponent { Dose = new Hl7.Fhir.Model.Quantity { Value = dose.Value, Unit = dose.Unit.Symbol } });
        }

        if (entry.TimesPerDay is { } times && times > 0 && times == decimal.Truncate(times) && times <= int.MaxValue)
        {
            dosage.Timing = new Timing { Repeat = new Timing.RepeatComponent { Frequency = (int)times, Period = 1, PeriodUnit = Timing.UnitsOfTime.D } };
        }

        if (entry.MaxTimesPerDay is { } max)
        {
            dosage.MaxDosePerPeriod = new Ratio(
                new Hl7.Fhir.Model.Quantity { Value = max, Unit = "times", System = Ucum, Code = "{times}" },
                new Hl7.Fhir.Model.Quantity { Value = 1, Unit = "d", System = Ucum, Code = "d" });
        }

        return dosage.Text is null && dosage.AsNeeded is null && dosage.Route is null && dosage.DoseAndRate.Count == 0 && dosage.Timing is null
            && dosage.MaxDosePerPeriod is null ? null : dosage;
    }

    private static FhirDateTime? Date(DateTimeOffset? date) => date is { } d ? new FhirDateTime(d) : null;
}
