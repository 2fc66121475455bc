namespace MedEngine.Findings;

/// <summary>What one event changed in a patient's findings.</summary>
/// <param name="Added">Findings that are new, most severe first.</param>
/// <param name="Changed">Findings whose severity, values or lines changed, most severe first.</param>
/// <param name="Removed">Keys of findings that no longer hold, in key order.</param>
public sealed record FindingsDelta(IReadOnlyList<Finding> Added, IReadOnlyList<Finding> Changed, IReadOnlyList<string> Removed)
{
    /// <summary>No change.</summary>
    public static FindingsDelta None { get; } = new([], [], []);

    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}
