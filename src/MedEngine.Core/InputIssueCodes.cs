namespace MedEngine;

/// <summary>
/// The stable code of every input problem (<see cref="InputError.Code"/>), listed with its meaning in
/// <c>docs/input-issues.md</c>. A code keeps its meaning for ever and is never reused; new codes are added at the end of their
/// group. Hosts may branch on codes; the message is for people and may change.
/// </summary>
public static class InputIssueCodes
{
    /// <summary>MedEngine JSON: the file is not JSON. Nothing is read.</summary>
    public const string JsonMalformed = "IN001";

    /// <summary>MedEngine JSON: the file is not one object with <c>source</c> and <c>entries</c>. Nothing is read.</summary>
    public const string JsonNotASourceList = "IN002";

    /// <summary>MedEngine JSON: a required field is missing or empty.</summary>
    public const string JsonRequired = "IN003";

    /// <summary>MedEngine JSON: a field has the wrong type or a value that cannot be read (number, date, amount).</summary>
    public const string JsonInvalidValue = "IN004";

    /// <summary>MedEngine JSON: a field the format does not have (often a misspelling).</summary>
    public const string JsonUnknownField = "IN005";

    /// <summary>MedEngine JSON: a value outside its code list (source kind, entry status, code system).</summary>
    public const string JsonUnknownCode = "IN006";

    /// <summary>MedEngine JSON: two entries of one source have the same id.</summary>
    public const string JsonDuplicateEntry = "IN007";

    /// <summary>Any JSON input: an object has the same key twice. Nothing is read: which one was meant cannot be known.</summary>
    public const string JsonDuplicateKey = "IN008";

    /// <summary>Any JSON input: a key or a string is not Unicode text (an escaped lone surrogate such as <c>\ud800</c>). Nothing is read.</summary>
    public const string JsonNotText = "IN009";

    /// <summary>FHIR: the file, or a line of NDJSON, is not JSON.</summary>
    public const string FhirMalformed = "IN101";

    /// <summary>FHIR: not a FHIR R4 resource (not an object, no or an unknown <c>resourceType</c>, an unsupported Bundle).</summary>
    public const string FhirNotAResource = "IN102";

    /// <summary>FHIR: a resource could not be read (an unknown element, a wrong shape).</summary>
    public const string FhirUnreadableResource = "IN103";

    /// <summary>FHIR: two medication resources of one source have the same id.</summary>
    public const string FhirDuplicateResource = "IN104";

    /// <summary>FHIR: the file has no medication resources, or not the patient asked for.</summary>
    public const string FhirNoMedications = "IN105";

    /// <summary>FHIR: the file holds more than one patient and none was chosen.</summary>
    public const string FhirSeveralPatients = "IN106";

    /// <summary>FHIR: the input is a server's error answer (an OperationOutcome with errors, also inside SFM's Parameters), not a medication list.</summary>
    public const string FhirErrorAnswer = "IN107";

    /// <summary>FHIR: a prescription chain cannot be followed (a MedicationStatement's <c>partOf</c> names no statement of the input, or loops).</summary>
    public const string FhirBrokenChain = "IN108";

    /// <summary>Any input: the file or folder does not exist.</summary>
    public const string FileMissing = "IN201";

    /// <summary>Tables (knowledge base, interaction tables, import lists): the header is not the format's.</summary>
    public const string TableHeader = "IN202";

    /// <summary>Tables: a row has the wrong number of columns.</summary>
    public const string TableColumns = "IN203";

    /// <summary>Tables: a cell is empty where a value is required, or its value is invalid (an ATC code, a code, a severity).</summary>
    public const string TableInvalidValue = "IN204";

    /// <summary>Tables: a key listed twice (a substance, a product code, a product name).</summary>
    public const string TableDuplicate = "IN205";

    /// <summary>Tables: a reference to something the knowledge base does not have (a substance not in substances.tsv).</summary>
    public const string TableUnknownReference = "IN206";

    /// <summary>Any input: the file exists but cannot be read (permissions, removed while being read).</summary>
    public const string FileUnreadable = "IN207";

    /// <summary>Any input file or request body: bytes that are not UTF-8, at the offset named. Nothing of it is read.</summary>
    public const string FileNotUtf8 = "IN208";

    /// <summary>Rule files: the YAML cannot be parsed.</summary>
    public const string RuleYamlSyntax = "IN301";

    /// <summary>Rule files: a node has the wrong shape (a mapping, a single value, a list, a number, both languages).</summary>
    public const string RuleShape = "IN302";

    /// <summary>Rule files: a key the rule kind does not have (often a misspelling).</summary>
    public const string RuleUnknownKey = "IN303";

    /// <summary>Rule files: a required key, or a required part of a condition, is missing.</summary>
    public const string RuleRequired = "IN304";

    /// <summary>Rule files: a value outside its list (kind, severity, sex, lab test, code system) or not of its form (an ATC code, a mass, a date).</summary>
    public const string RuleInvalidValue = "IN305";

    /// <summary>Rule files: a condition that can never hold (contradictory bounds, an exception that removes everything).</summary>
    public const string RuleNeverHolds = "IN306";

    /// <summary>Rule files: a substance name or ATC code that names nothing in the knowledge base.</summary>
    public const string RuleUnknownSubstance = "IN307";

    /// <summary>Rule files: two rules have the same id.</summary>
    public const string RuleDuplicateId = "IN308";

    /// <summary>Rule files: beyond the format's limits (larger than 1 MiB, nested deeper than 32, a YAML anchor or alias). Nothing of the file is read.</summary>
    public const string RuleFileLimit = "IN309";

    /// <summary>Import inputs (FEST M30, STOPP/START XML): the XML cannot be parsed.</summary>
    public const string ImportXmlSyntax = "IN401";

    /// <summary>Import inputs: not the expected document (another root element, another list's header).</summary>
    public const string ImportWrongDocument = "IN402";

    /// <summary>Import inputs: an element or cell the importer cannot read (an ATC code, a criterion).</summary>
    public const string ImportInvalidValue = "IN403";
}
