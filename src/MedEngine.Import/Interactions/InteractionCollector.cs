namespace MedEngine.Import.Interactions;

/// <summary>Collects interaction rows with the pair in a fixed order, refusing a substance paired with itself and exact duplicates.</summary>
internal sealed class InteractionCollector(ImportLog log)
{
    private readonly HashSet<TableRow> _seen = [];
    private readonly List<TableRow> _rows = [];

    public IReadOnlyList<TableRow> Rows => _rows;

    public void Add(TableRow row, string item, string? location)
    {
        if (row.A == row.B)
        {
            log.Skip("both sides are the same substance", item, location);
            return;
        }

        var ordered = string.CompareOrdinal(row.A, row.B) <= 0 ? row : row with { A = row.B, B = row.A };
        if (!_seen.Add(ordered))
        {
            log.Skip("duplicate row", item, location);
            return;
        }

        _rows.Add(ordered);
        log.Count("interactions");
    }
}
