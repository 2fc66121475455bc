namespace MedEngine.Model;

/// <summary>One source's whole medication list for the patient.</summary>
public sealed record SourceList
{
    /// <summary>Creates a list and checks that every entry id is unique within the source.</summary>
    /// <param name="source">The source.</param>
    /// <param name="entries">The entries, in the source's order.</param>
    /// <exception cref="ArgumentException">Two entries share an id; the message names the id and the source.</exception>
    public SourceList(MedicationSource source, IReadOnlyList<MedicationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.EntryId))
            {
                throw new ArgumentException($"Source '{source.Id}' has more than one entry with id '{entry.EntryId}'.", nameof(entries));
            }
        }

        Source = source;
        Entries = entries;
    }

    /// <summary>The source the list comes from.</summary>
    public MedicationSource Source { get; }

    /// <summary>The entries, in the source's order.</summary>
    public IReadOnlyList<MedicationEntry> Entries { get; }
}
