namespace MedEngine.Import.Interactions;

/// <summary>One row the importers write to an interaction table (<c>docs/interaction-table.md</c>). The pair is symmetric.</summary>
/// <param name="A">One side: an ATC code, an ATC prefix ending in <c>*</c>, or <c>name:</c> and a normalized substance name.</param>
/// <param name="B">The other side, the same way.</param>
/// <param name="Severity"><c>contraindicated</c>, <c>avoid</c>, <c>caution</c> or <c>info</c>.</param>
/// <param name="Consequence">The clinical consequence, in the source's language (Norwegian from FEST, English from the public lists).</param>
/// <param name="Mechanism">The mechanism, or empty, in the source's language.</param>
/// <param name="Handling">What to do, or empty, in the source's language.</param>
/// <param name="Evidence">Evidence level <c>1</c> (interaction studies) to <c>4</c> (indirect data), or empty.</param>
/// <param name="Reference">References, <c>;</c>-separated, or empty.</param>
/// <param name="Source">Where the row comes from, or empty.</param>
internal sealed record TableRow(string A, string B, string Severity, string Consequence, string Mechanism, string Handling, string Evidence, string Reference, string Source);
