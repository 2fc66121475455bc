using MedEngine.CdsHooks.Protocol;
using MedEngine.Findings;

namespace MedEngine.CdsHooks.Cards;

/// <summary>The fixed words of cards, in Norwegian (bokmål) and English.</summary>
internal sealed record CardTexts(
    string Severity, string RaisedBy, string Entries, string Mechanism, string Handling, string Values, string Evidence, string References,
    string Rule, string Draft, string RemoveOrder, string Reconciliation, string Medications, string Sources, string Discrepancies,
    string Unresolved, string NoDiscrepancies, string Line, string Status, string SeeFindings, string NotChecked, string NotCheckedDetail)
{
    public static CardTexts Nb { get; } = new(
        "Alvorlighet", "endret av", "Legemidler og kilder", "Mekanisme", "Håndtering", "Verdier", "Kunnskapsgrunnlag", "Referanser",
        "Regel", "ny forskrivning", "Fjern forskrivningen av {0}", "Samstemming", "legemidler", "kilder", "avvik",
        "Ikke samstemt", "Kildene er enige.", "Legemiddel", "Status", "funn fra reglene", "Ikke kontrollert",
        "Ingen regel kunne vurdere disse legemidlene. Interaksjoner, dose, nyrefunksjon og egnethet for eldre er ikke kontrollert for dem:");

    public static CardTexts En { get; } = new(
        "Severity", "changed by", "Medications and sources", "Mechanism", "Handling", "Values", "Evidence", "References",
        "Rule", "draft order", "Remove the draft order for {0}", "Reconciliation", "medications", "sources", "discrepancies",
        "Not reconciled", "The sources agree.", "Medication", "Status", "rule findings", "Not checked",
        "No rule could evaluate these medications. Interactions, dose, renal function and suitability for older patients were not checked for them:");

    public static CardTexts For(string language) => language == "en" ? En : Nb;

    public static string Text(LocalizedText text, string language) => language == "en" ? (text.En.Length > 0 ? text.En : text.Nb) : (text.Nb.Length > 0 ? text.Nb : text.En);

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
