namespace MedEngine.Findings;

/// <summary>A text in Norwegian (bokmål) and English.</summary>
/// <param name="Nb">The Norwegian text.</param>
/// <param name="En">The English text.</param>
public sealed record LocalizedText(string Nb, string En)
{
    /// <summary>No text.</summary>
    public static LocalizedText Empty { get; } = new("", "");

    /// <summary>Whether both languages are empty.</summary>
    public bool IsEmpty => Nb.Length == 0 && En.Length == 0;
}
