using MedEngine.CdsHooks.Protocol;
using MedEngine.Findings;

namespace MedEngine.CdsHooks.Cards;

/// <summary>The fixed words of cards, in Norwegian (bokmål) and English.</summary>
internal sealed record CardTexts(
    string Severity, string From, string Entries, string Mechanism, string Handling, string Values, string Evidence, string References,
    string EnglishOnly, string Rule, string Draft, string RemoveOrder, string Reconciliation, string Medication, string Medications,
    string Source, string Sources, string Discrepancy, string Discrepancies, string Unresolved, string NoDiscrepancies, string Line,
    string Status, string SeeFinding, string SeeFindings, string NotChecked, string NotCheckedDetail)
{
    public static CardTexts Nb { get; } = new(
        "Alvorlighet", "fra", "Legemidler og kilder", "Mekanisme", "Håndtering", "Verdier", "Kunnskapsgrunnlag", "Referanser",
        "Regelfilen beskriver mekanisme og kunnskapsgrunnlag bare på engelsk; se det engelske kortet.",
        "Regel", "ny forskrivning", "Fjern forskrivningen av {0}", "Samstemming", "legemiddel", "legemidler", "kilde", "kilder", "avvik", "avvik",
        "Ikke samstemt", "Kildene er enige.", "Legemiddel", "Status", "funn fra reglene", "funn fra reglene", "Ikke kontrollert",
        "Ingen regel kunne vurdere disse legemidlene. Interaksjoner, dose, nyrefunksjon og egnethet for eldre er ikke kontrollert for dem:");

    public static CardTexts En { get; } = new(
        "Severity", "from", "Medications and sources", "Mechanism", "Handling", "Values", "Evidence", "References",
        "",
        "Rule", "draft order", "Remove the draft order for {0}", "Reconciliation", "medication", "medications", "source", "sources", "discrepancy", "discrepancies",
        "Not reconciled", "The sources agree.", "Medication", "Status", "rule finding", "rule findings", "Not checked",
        "No rule could evaluate these medications. Interactions, dose, renal function and suitability for older patients were not checked for them:");

    public static CardTexts For(string language) => language == "en" ? En : Nb;

    /// <summary>A rule file's text in the card's language only (empty when the rule file does not give it in that language).</summary>
    public static string Text(LocalizedText text, string language) => language == "en" ? text.En : text.Nb;

    /// <summary>An entry status (a code: <c>active</c>, <c>on-hold</c>...) as a word of the card's language.</summary>
    public static string StatusName(string name, string language) => language == "en" ? name : name switch
    {
        "active" => "aktiv",
        "on-hold" => "satt på pause",
        "stopped" => "seponert",
        "completed" => "avsluttet",
        "entered-in-error" => "registrert ved en feil",
        _ => "ukjent",
    };

    /// <summary>The reasons offered for overriding a card (system <see cref="OverrideReasonSystem"/>).</summary>
    public static IReadOnlyList<CdsCoding> OverrideReasons(string language) =>
    [
        new(OverrideReasonSystem, "benefit-outweighs-risk", language == "en" ? "Benefit outweighs the risk for this patient" : "Nytten er større enn risikoen for denne pasienten"),
        new(OverrideReasonSystem, "will-monitor", language == "en" ? "Will monitor (e.g. INR, renal function, levels)" : "Følges opp (f.eks. INR, nyrefunksjon, speil)"),
        new(OverrideReasonSystem, "tolerated-before", language == "en" ? "Patient has tolerated the combination before" : "Pasienten har tålt kombinasjonen tidligere"),
        new(OverrideReasonSystem, "list-wrong", language == "en" ? "The medication list is wrong" : "Legemiddellisten er feil"),
        new(OverrideReasonSystem, "not-relevant", language == "en" ? "Not relevant for this patient" : "Ikke relevant for denne pasienten"),
    ];

    /// <summary>The code system of MedEngine's override reasons.</summary>
    public const string OverrideReasonSystem = "https://medengine.no/fhir/CodeSystem/override-reason";
}
