namespace MedEngine.Import;

/// <summary>Collects the counts and skipped items of one import, then gives the <see cref="ImportResult"/>.</summary>
internal sealed class ImportLog
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<SkippedItem> _skipped = [];

    public int Read { get; private set; }

    public IReadOnlyList<SkippedItem> Skipped => _skipped;

    public void CountRead() => Read++;

    public void Count(string kind, int count = 1) => _counts[kind] = _counts.GetValueOrDefault(kind) + count;

    public void Skip(string reason, string item, string? location = null) => _skipped.Add(new SkippedItem(reason, item, location));

    public ImportResult Result(string source, IReadOnlyList<string> files) =>
        new(source, Read, new Dictionary<string, int>(_counts, StringComparer.Ordinal), _skipped.ToArray(), files);
}
