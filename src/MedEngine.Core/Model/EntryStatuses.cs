namespace MedEngine.Model;

/// <summary>Names of <see cref="EntryStatus"/> as used in JSON, FHIR and on the command line.</summary>
public static class EntryStatuses
{
    private static readonly (EntryStatus Status, string Name)[] Names =
    [
        (EntryStatus.Unknown, "unknown"),
        (EntryStatus.Active, "active"),
        (EntryStatus.OnHold, "on-hold"),
        (EntryStatus.Stopped, "stopped"),
        (EntryStatus.Completed, "completed"),
        (EntryStatus.EnteredInError, "entered-in-error"),
    ];

    /// <summary>The name of a status (<c>active</c>, <c>on-hold</c>, <c>entered-in-error</c>...).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string ToName(EntryStatus status) => Array.Find(Names, n => n.Status == status).Name ?? "unknown";

    /// <summary>Parses a status name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="status">The status, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? name, out EntryStatus status)
    {
        foreach (var (s, n) in Names)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }

        status = EntryStatus.Unknown;
        return false;
    }
}
