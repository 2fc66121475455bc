namespace MedEngine.Import.StoppStart;

/// <summary>
/// The fixed texts of what a translation leaves out (a criterion is then translated partly) and of why an iteration or a
/// whole criterion cannot be expressed. Outcomes are counted by these texts.
/// </summary>
internal static class Losses
{
    public const string UnknownCodes = "ATC codes that name no substance in the knowledge base left out";
    public const string UnlessDiagnosis = "an 'unless' diagnosis (one that must be absent) left out";
    public const string SecondDiagnosis = "a second diagnosis that must also hold left out (conditions are any-of)";
    public const string DiagnosisTime = "duration or frequency of a diagnosis left out";
    public const string MeasuredOnly = "a measurement without a threshold left out";
    public const string SecondLab = "a second lab threshold left out";
    public const string Duration = "duration of use (long-term use) left out";
    public const string Frequency = "frequency of use left out";
    public const string Dose = "a dose condition left out";
    public const string EarlierUse = "earlier (stopped) use of a medicine left out";
    public const string ExclusionOnly = "a medicine given only by exclusion (atc !=) left out";
    public const string WithoutAsModifier = "'without' a co-medication expressed as a modifier that lowers the finding to info";
    public const string CombinationPatient = "a diagnosis, lab or patient criterion of a drug combination left out (interaction and duplicate have none)";
    public const string LabAndPatient = "a diagnosis or patient criterion beside a lab threshold left out (drug-lab has no patient criteria)";
    public const string AlternativePrefix = "an alternative iteration not expressible: ";

    public const string LoincLab = "lab test coded only by LOINC (loinc:CODE): rule examples cannot give LOINC-coded values, so the rule cannot be tested";
    public const string StartTriggeredByMedicine = "START triggered by a medication (missing-therapy has no drug condition)";
    public const string NoDrug = "no drug of the criterion is in the knowledge base";
    public const string NoCoMedication = "no co-medication of the criterion is in the knowledge base";
    public const string NoTherapy = "no therapy to start is in the knowledge base";
    public const string OtherResult = "a measurement result that is not a number above or below a threshold";
    public const string NoExamplePrefix = "no example can be built: ";
}
