using MedEngine.Findings;
using MedEngine.Reconciliation;

namespace MedEngine.Rules;

/// <summary>
/// The "not checked" findings (<see cref="FindingCategory.NotChecked"/>, rule id <c>MEDENGINE-NOT-CHECKED</c>, severity info):
/// one for each current line no rule names (<see cref="RuleCoverage"/>) and one for each entry that did not resolve. No rule
/// could evaluate them, and the clinician is told so instead of reading silence as safety.
/// </summary>
internal static class NotCheckedFindings
{
    /// <summary>The rule id of every not-checked finding.</summary>
    public const string RuleId = "MEDENGINE-NOT-CHECKED";

    private const string Kind = "not-checked";

    private static readonly LocalizedText Handling = new(
        "Vurder legemidlet selv (interaksjoner, dose, nyrefunksjon, egnethet for eldre), eller be en farmasøyt om en vurdering.",
        "Check this medication yourself (interactions, dose, renal function, suitability for older patients), or ask a pharmacist.");

    /// <summary>The key of a line's not-checked finding.</summary>
    public static string Key(string lineId) => RuleId + "|" + lineId;

    /// <summary>The key of an unresolved entry's not-checked finding.</summary>
    public static string Key(EntryReference entry) => RuleId + "|" + entry.Source + "/" + entry.EntryId;

    /// <summary>The finding for a line no rule names.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The finding.</returns>
    public static Finding ForLine(MedicationFact line)
    {
        var substances = line.Line.Substances;
        var nb = string.Join("/", substances.Select(s => s.NameNb));
        var en = string.Join("/", substances.Select(s => s.NameEn));
        var codes = string.Join(", ", line.Atc.DefaultIfEmpty(line.LineId));
        var message = new LocalizedText(
            $"Ingen regel i regelbiblioteket omtaler {nb} ({codes}): interaksjoner, dose, nyrefunksjon og egnethet for eldre er ikke kontrollert.",
            $"No rule in the rule library names {en} ({codes}): interactions, dose, renal function and suitability for older patients were not checked.");
        return Create(Key(line.LineId), new LocalizedText($"Ikke kontrollert: {nb}", $"Not checked: {en}"), message, [line.LineId],
            line.Line.Entries.Select(FindingFactory.EntryOf).ToList(), [], [en]);
    }

    /// <summary>The finding for an entry that did not resolve.</summary>
    /// <param name="unresolved">The entry and why it did not resolve.</param>
    /// <returns>The finding.</returns>
    public static Finding ForUnresolved(UnresolvedEntry unresolved)
    {
        var entry = unresolved.Entry;
        var written = entry.Entry.Name ?? entry.Entry.EntryId;
        var message = new LocalizedText(
            $"«{written}» fra {entry.Source.Id} ble ikke gjenkjent som et legemiddel, så ingen regel kunne vurdere det.",
            $"'{written}' from {entry.Source.Id} was not recognised as a medication, so no rule could evaluate it.");
        var values = new List<string> { unresolved.Reason };
        values.AddRange(entry.Resolution.PossibleMatches.Select(m => $"possible match: {m.Name} ({m.Similarity:0.00}), to be confirmed"));
        return Create(Key(new EntryReference(entry.Source.Id, entry.Entry.EntryId)), new LocalizedText($"Ikke gjenkjent: {written}", $"Not recognised: {written}"),
            message, [], [FindingFactory.EntryOf(entry)], values, []) with { Explanation = $"{message.En} {unresolved.Reason}" };
    }

    private static Finding Create(string key, LocalizedText title, LocalizedText message, IReadOnlyList<string> lineIds, IReadOnlyList<FindingEntry> entries, IReadOnlyList<string> values, IReadOnlyList<string> lineNames) => new()
    {
        Key = key,
        RuleId = RuleId,
        RuleVersion = 1,
        Kind = Kind,
        Category = FindingCategory.NotChecked,
        Severity = Severity.Info,
        BaseSeverity = Severity.Info,
        Title = title,
        Message = message,
        Handling = Handling,
        Tags = [Kind],
        LineIds = lineIds,
        LineNames = lineNames,
        Entries = entries,
        Values = values,
    };
}
