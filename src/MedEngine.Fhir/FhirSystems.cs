namespace MedEngine.Fhir;

/// <summary>The code systems and identifier namespaces MedEngine reads and writes in FHIR.</summary>
public static class FhirSystems
{
    /// <summary>WHO ATC.</summary>
    public const string Atc = "http://www.whocc.no/atc";

    /// <summary>RxNorm.</summary>
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>
    /// The FEST product id system written on output: the Norwegian OID for FEST (<c>urn:oid:2.16.578.1.12.4.1.1.7424</c>).
    /// On input, any system containing <c>fest</c> (case-insensitive) or starting with the OID arc <c>urn:oid:2.16.578.1.12.4.1.1.74</c> is read as FEST.
    /// </summary>
    public const string Fest = "urn:oid:2.16.578.1.12.4.1.1.7424";

    /// <summary>The OID arc under which the Norwegian medicines agency's (FEST) code systems live.</summary>
    public const string FestOidArc = "urn:oid:2.16.578.1.12.4.1.1.74";

    /// <summary>HL7 v3 ActCode, used for <c>DetectedIssue.code</c> where one fits.</summary>
    public const string V3ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>MedEngine's discrepancy codes (<c>MR001</c>...).</summary>
    public const string Discrepancy = "https://medengine.no/fhir/CodeSystem/discrepancy";

    /// <summary>MedEngine's flags on reconciled list entries (<c>agreed</c>, <c>discrepancy</c>, <c>unresolved</c>).</summary>
    public const string ListEntryFlag = "https://medengine.no/fhir/CodeSystem/list-entry-flag";

    /// <summary>The identifier system of a reconciled therapy line (value: the line id).</summary>
    public const string Line = "https://medengine.no/fhir/line";

    /// <summary>The prefix of a source entry identifier system; the source id follows (value: the entry id).</summary>
    public const string SourcePrefix = "https://medengine.no/fhir/source/";

    /// <summary>The LOINC code of body weight.</summary>
    public const string BodyWeightLoinc = "29463-7";

    /// <summary>The LOINC code "History of Medication use Narrative", used for the reconciled <c>List</c>.</summary>
    public const string MedicationHistoryLoinc = "10160-0";

    /// <summary>The code system of MedEngine rule ids (a DetectedIssue's code, display = the rule's title).</summary>
    public const string Rule = "https://medengine.no/fhir/CodeSystem/rule";

    /// <summary>The code system of overrides as DetectedIssue mitigations (code <c>overridden</c>).</summary>
    public const string FindingMitigation = "https://medengine.no/fhir/CodeSystem/finding-mitigation";
}
