namespace MedEngine.Import.Names;

/// <summary>
/// Names proposed for substances, collected before any is added: a name proposed for two different substances is refused
/// for both, so the order of the lists cannot decide which substance a name goes to.
/// </summary>
internal sealed class Proposals
{
    private readonly Dictionary<string, (string Name, HashSet<string> Keys, NameRecord Record)> _byName = new(StringComparer.Ordinal);

    public void Add(string name, string key, NameRecord record)
    {
        var normalized = MedEngine.Knowledge.NameNormalizer.Normalize(name);
        if (!_byName.TryGetValue(normalized, out var proposal))
        {
            proposal = (name, new HashSet<string>(StringComparer.Ordinal), record);
            _byName.Add(normalized, proposal);
        }

        proposal.Keys.Add(key);
    }

    /// <summary>
    /// Adds each name proposed for one substance that does not already name it with <paramref name="add"/> (which returns the
    /// reason it refuses, if any), and logs the rest.
    /// </summary>
    public void Apply(ImportLog log, string countName, Func<string, string?> ownerOf, Func<string, string, string?> add)
    {
        foreach (var (normalized, (name, keys, record)) in _byName)
        {
            if (keys.Count == 1 && ownerOf(normalized) == keys.First())
            {
                log.Count("names already known");
            }
            else if (keys.Count > 1)
            {
                log.Skip("name proposed for several substances", $"{name} ({string.Join(", ", keys.Order(StringComparer.Ordinal))})", record.Location);
            }
            else if (add(keys.First(), name) is { } refused)
            {
                log.Skip(refused, $"{record.Name}: '{name}'", record.Location);
            }
            else
            {
                log.Count(countName);
            }
        }
    }
}
