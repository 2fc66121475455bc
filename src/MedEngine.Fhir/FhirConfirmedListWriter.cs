using Hl7.Fhir.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Fhir;

/// <summary>
/// The confirmed list in FHIR R4 (docs/confirmed-list.md): a <c>List</c> of the confirmed <c>MedicationStatement</c>s with
/// <c>Provenance</c> naming the clinicians, and the input of SFM Basis' <c>Patient/$sendMedication</c>: a <c>Parameters</c> whose
/// <c>medication</c> is a document Bundle shaped as SFM's (<c>sfm-MedicationBundle</c>: the <c>sfm-MedicationComposition</c> first,
/// then the practitioner, the patient and one <c>sfm-MedicationStatement</c> per decided line, each with <c>sfm-regInfo</c>).
/// Only decided lines that are not re-opened are confirmed; open lines are left out, and the List says how many.
/// </summary>
/// <param name="time">The clock for the bundle's timestamp.</param>
public sealed class FhirConfirmedListWriter(TimeProvider time)
{
    /// <summary>The profile base of SFM Basis.</summary>
    public const string SfmProfiles = "http://ehelse.no/fhir/StructureDefinition/";

    /// <summary>The HPR number's identifier system (helsepersonellregisteret).</summary>
    public const string HprSystem = "urn:oid:2.16.578.1.12.4.1.4.4";

    private const string RegistrationStatus = "http://ehelse.no/fhir/CodeSystem/sfm-medicationstatement-registration-status";
    private const string PerformerRoles = "http://ehelse.no/fhir/CodeSystem/sfm-performer-roles";

    /// <summary>A collection Bundle: the confirmed <c>List</c>, its statements, and one <c>Provenance</c> per clinician who decided or confirmed.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="confirmed">The confirmed list.</param>
    /// <returns>The bundle.</returns>
    public Bundle ToListBundle(string patientId, ConfirmedList confirmed)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(confirmed);
        var subject = new ResourceReference("Patient/" + patientId);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = time.GetUtcNow() };
        var list = new List
        {
            Status = List.ListStatus.Current,
            Mode = ListMode.Snapshot,
            Title = "Samstemt og bekreftet legemiddelliste",
            Code = new CodeableConcept(FhirSystems.Loinc, FhirSystems.MedicationHistoryLoinc, "History of Medication use Narrative"),
            Subject = subject,
            DateElement = confirmed.Confirmation is { } c ? new FhirDateTime(c.At) : null,
            Source = confirmed.Confirmation is { } by ? Practitioner(by.By) : null,
        };
        if (confirmed.Open.Count > 0)
        {
            list.Note.Add(new Annotation { Text = new Markdown($"{confirmed.Open.Count} line(s) not confirmed: {string.Join(", ", confirmed.Open.Select(l => l.Line.Id))}.") });
        }

        var listUrl = BundleUrls.For("confirmed-list", patientId);
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = listUrl, Resource = list });
        foreach (var line in Confirmed(confirmed))
        {
            var url = BundleUrls.For("confirmed-line", patientId, line.Line.Id);
            list.Entry.Add(new List.EntryComponent { Item = new ResourceReference(url) });
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = Statement(line, subject) });
        }

        foreach (var group in Confirmed(confirmed).GroupBy(l => (l.Decision!.By, l.Decision.At)))
        {
            var provenance = new Provenance { Recorded = group.Key.At, Activity = new CodeableConcept(FhirSystems.V3ActCode, "VERIFY", "verify") };
            provenance.Target.AddRange(group.Select(l => new ResourceReference(BundleUrls.For("confirmed-line", patientId, l.Line.Id))));
            provenance.Agent.Add(Agent(group.Key.By));
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = BundleUrls.For("decided", patientId, group.Key.By.Id, group.Key.At.ToString("O")), Resource = provenance });
        }

        if (confirmed.Confirmation is { } confirmation)
        {
            var provenance = new Provenance { Recorded = confirmation.At, Activity = new CodeableConcept(FhirSystems.V3ActCode, "VERIFY", "verify") };
            provenance.Target.Add(new ResourceReference(listUrl));
            provenance.Agent.Add(Agent(confirmation.By));
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = BundleUrls.For("confirmed", patientId, confirmation.At.ToString("O")), Resource = provenance });
        }

        return bundle;
    }

    /// <summary>
    /// The input of SFM's <c>Patient/$sendMedication</c>: <c>Parameters</c> with <c>medication</c>, a document Bundle of the confirmed
    /// statements, each with <c>sfm-regInfo</c> (registration status <c>3</c> Godkjent, role <c>1</c>, the deciding clinician as
    /// provider, the decision's time), authored by the clinician who confirmed.
    /// </summary>
    /// <param name="patientId">The patient (the fødselsnummer where SFM needs it).</param>
    /// <param name="confirmed">The confirmed list; it must have been confirmed.</param>
    /// <param name="lookup">The <c>$getMedication</c> lookup the list was reconciled from: its URL (the Bundle's <c>meta.source</c>) and its Composition's identifier (the Composition <c>replaces</c> it), when known.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="InvalidOperationException">The list was never confirmed.</exception>
    public Parameters ToSendMedication(string patientId, ConfirmedList confirmed, (string? Url, string? CompositionIdentifier) lookup = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(confirmed);
        var confirmation = confirmed.Confirmation ?? throw new InvalidOperationException("The list has not been confirmed: there is nothing to send.");
        var patientUrl = BundleUrls.For("sfm-patient", patientId);
        var patient = new Patient { Meta = Profile("sfm-Patient") };
        patient.Identifier.Add(new Identifier("urn:oid:2.16.578.1.12.4.1.4.1", patientId) { Use = Identifier.IdentifierUse.Official });
        var subject = new ResourceReference(patientUrl) { Type = SfmProfiles + "sfm-Patient" };
        var practitioners = Confirmed(confirmed).Select(l => l.Decision!.By).Append(confirmation.By).DistinctBy(c => c.Id).ToDictionary(c => c.Id, c => BundleUrls.For("sfm-practitioner", c.Id));
        var composition = new Composition
        {
            Meta = Profile("sfm-MedicationComposition"),
            Identifier = new Identifier { Use = Identifier.IdentifierUse.Official, Value = BundleUrls.For("sfm-composition", patientId, confirmation.At.ToString("O"))["urn:uuid:".Length..] },
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(FhirSystems.Loinc, "11503-0", "Medical records"),
            Subject = subject,
            DateElement = new FhirDateTime(confirmation.At),
            Title = "Medication summary",
        };
        composition.Author.Add(new ResourceReference(practitioners[confirmation.By.Id]) { Type = SfmProfiles + "sfm-Practitioner", Display = Display(confirmation.By) });
        composition.Attester.Add(new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, TimeElement = new FhirDateTime(confirmation.At), Party = new ResourceReference(practitioners[confirmation.By.Id]) });
        if (lookup.CompositionIdentifier is { } replaced)
        {
            composition.RelatesTo.Add(new Composition.RelatesToComponent { Code = DocumentRelationshipType.Replaces, Target = new Identifier { Use = Identifier.IdentifierUse.Official, Value = replaced } });
        }

        var section = new Composition.SectionComponent
        {
            Title = "Medication",
            Code = new CodeableConcept("http://ehelse.no/fhir/CodeSystem/sfm-section-types", "sectionMedication", "List of Medication statements"),
        };
        composition.Section.Add(section);
        var bundle = new Bundle
        {
            Meta = Profile("sfm-MedicationBundle"),
            Type = Bundle.BundleType.Document,
            Timestamp = time.GetUtcNow(),
            Identifier = new Identifier { Value = BundleUrls.For("sfm-bundle", patientId, confirmation.At.ToString("O"))["urn:uuid:".Length..] },
        };
        if (lookup.Url is { } url)
        {
            bundle.Meta.Source = url;
        }

        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = BundleUrls.For("sfm-composition", patientId), Resource = composition });
        foreach (var (id, practitionerUrl) in practitioners)
        {
            var clinician = Confirmed(confirmed).Select(l => l.Decision!.By).Append(confirmation.By).First(c => c.Id == id);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = practitionerUrl, Resource = Practitioner(clinician, profiled: true) });
        }

        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = patientUrl, Resource = patient });
        foreach (var line in Confirmed(confirmed))
        {
            var statementUrl = BundleUrls.For("sfm-statement", patientId, line.Line.Id);
            var statement = Statement(line, subject);
            statement.Meta = Profile("sfm-MedicationStatement");
            statement.Extension.Add(RegInfo(line.Decision!, practitioners[line.Decision!.By.Id]));
            section.Entry.Add(new ResourceReference(statementUrl) { Type = SfmProfiles + "sfm-MedicationStatement", Display = (statement.Medication as CodeableConcept)?.Text });
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = statementUrl, Resource = statement });
        }

        var parameters = new Parameters();
        parameters.Parameter.Add(new Parameters.ParameterComponent { Name = "medication", Resource = bundle });
        return parameters;
    }

    /// <summary>The lines a clinician decided that no source contradicts since.</summary>
    private static IEnumerable<DecidedLine> Confirmed(ConfirmedList confirmed) => confirmed.Lines.Where(l => !l.IsOpen);

    /// <summary>The line's statement as decided: active (at the decided dose), stopped, or not taken.</summary>
    private static MedicationStatement Statement(DecidedLine line, ResourceReference subject)
    {
        var statement = StatementFactory.ForLine(line.Line, subject, []);
        if (line.Decision!.Kind == LineDecisionKind.NotTaken)
        {
            statement.Status = MedicationStatement.MedicationStatusCodes.NotTaken;
        }

        return statement;
    }

    private static Extension RegInfo(LineDecided decision, string practitionerUrl)
    {
        var regInfo = new Extension { Url = SfmProfiles + "sfm-regInfo" };
        regInfo.Extension.Add(new Extension("status", new CodeableConcept(RegistrationStatus, "3", "Godkjent")));
        regInfo.Extension.Add(new Extension("type", new CodeableConcept(PerformerRoles, "1", "Forskrevet av")));
        regInfo.Extension.Add(new Extension("provider", new ResourceReference(practitionerUrl) { Type = SfmProfiles + "sfm-Practitioner", Display = Display(decision.By) }));
        regInfo.Extension.Add(new Extension("timestamp", new FhirDateTime(decision.At)));
        return regInfo;
    }

    private static Practitioner Practitioner(Clinician clinician, bool profiled = false)
    {
        var practitioner = new Practitioner { Meta = profiled ? Profile("sfm-Practitioner") : null };
        practitioner.Identifier.Add(new Identifier(HprSystem, clinician.Id) { Use = Identifier.IdentifierUse.Official });
        if (clinician.Name is { } name)
        {
            practitioner.Name.Add(new HumanName { Text = name });
        }

        return practitioner;
    }

    private static ResourceReference Practitioner(Clinician clinician) => new() { Identifier = new Identifier(HprSystem, clinician.Id), Display = Display(clinician) };

    private static Provenance.AgentComponent Agent(Clinician clinician) => new()
    {
        Who = Practitioner(clinician),
        Role = [new CodeableConcept { Text = clinician.Role }],
    };

    private static string Display(Clinician clinician) => $"{clinician.Name ?? clinician.Id} ({clinician.Role}), HPR: {clinician.Id}";

    private static Meta Profile(string name) => new() { Profile = [SfmProfiles + name] };
}
