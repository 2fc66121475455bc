namespace MedEngine.Import.Interactions;

/// <summary>The severities of an interaction table, most severe first.</summary>
public static class InteractionSeverity
{
    /// <summary>Must not be combined.</summary>
    public const string Contraindicated = "contraindicated";

    /// <summary>Should be avoided (FEST Relevans 1, bør unngås).</summary>
    public const string Avoid = "avoid";

    /// <summary>Precautions should be taken (FEST Relevans 2, forholdsregler bør tas).</summary>
    public const string Caution = "caution";

    /// <summary>No action needed; never interrupt (FEST Relevans 3, ingen tiltak nødvendig).</summary>
    public const string Info = "info";

    /// <summary>Every severity, most severe first.</summary>
    public static IReadOnlyList<string> All { get; } = [Contraindicated, Avoid, Caution, Info];
}
