namespace MedEngine.Import.Interactions;

/// <summary>One side of a pair as a list gives it: a drug name to map, or an ATC code.</summary>
internal sealed record ListSide(string Text, bool IsAtc);

/// <summary>One interaction as a list gives it, with the severity already on MedEngine's scale.</summary>
internal sealed record ListPair(string Location, ListSide A, ListSide B, string Severity, string Consequence)
{
    public string Mechanism { get; init; } = string.Empty;

    public string Handling { get; init; } = string.Empty;

    public string Reference { get; init; } = string.Empty;

    /// <summary>The source's own id of the unordered pair, when it has one (DDInter), to count unique pairs.</summary>
    public string? PairId { get; init; }

    public string Item => $"{A.Text} + {B.Text}";
}
