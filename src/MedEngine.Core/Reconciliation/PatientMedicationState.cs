using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Reconciliation;

/// <summary>
/// One patient's sources and reconciled list, kept warm. Each <see cref="Apply"/> takes one event, normalizes only the
/// entries it touches, rebuilds only the lines it affects and returns what changed. The batch result is the fold of the
/// same events. Not thread-safe: give each patient one state and apply its events in order.
/// </summary>
internal sealed class PatientMedicationState
{
    private static readonly Comparer<(string, string)> ReferenceOrder = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2));

    private readonly EntryNormalizer _normalizer;
    private readonly LineBuilder _lineBuilder;
    private readonly SortedDictionary<string, SourceState> _sources = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<(string, string), NormalizedEntry>> _lineEntries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ReconciledLine> _lines = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string, string), UnresolvedEntry> _unresolved = new(ReferenceOrder);
    private readonly SortedDictionary<(string, string), EntryMatched> _matches = new(ReferenceOrder);
    private ReconciliationResult? _current;

    /// <summary>Creates an empty state.</summary>
    /// <param name="normalizer">The normalizer (with its knowledge base).</param>
    /// <param name="policy">The source-precedence policy.</param>
    internal PatientMedicationState(EntryNormalizer normalizer, SourcePrecedencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(policy);
        _normalizer = normalizer;
        _lineBuilder = new LineBuilder(policy);
    }

    /// <summary>The reconciled list as it stands.</summary>
    public ReconciliationResult Current => _current ??= new ReconciliationResult(
        _sources.Values.Select(s => s.Source).ToList(), _lines.Values.ToList(), _unresolved.Values.ToList());

    /// <summary>The matches clinicians confirmed for entries that did not resolve, in force while their entries are held.</summary>
    public IEnumerable<EntryMatched> Matches => _matches.Values.Where(m => _sources.TryGetValue(m.SourceId, out var source) && source.Entries.ContainsKey(m.EntryId));

    /// <summary>An entry read again with another dosage text (a clinician's change), for the line it is on.</summary>
    /// <param name="from">The entry.</param>
    /// <param name="dosageText">The new dosage text.</param>
    /// <returns>The entry, active, at the new dosage.</returns>
    public NormalizedEntry Redose(NormalizedEntry from, string dosageText) => _normalizer.Normalize(from.Source, from.Entry with
    {
        DosageText = dosageText, Dose = null, TimesPerDay = null, AsNeeded = false, MaxTimesPerDay = null, Status = EntryStatus.Active,
    }) with { LineKey = from.LineKey };

    /// <summary>Applies one event and returns what changed in the reconciled list.</summary>
    /// <param name="sourceEvent">The event.</param>
    /// <returns>The lines added, changed and removed, and the unresolved entries added and removed.</returns>
    /// <exception cref="ArgumentException">The event names a source or entry this state does not have.</exception>
    public ReconciliationDelta Apply(SourceEvent sourceEvent) => ApplyAll([sourceEvent]);

    /// <summary>
    /// Applies several events in order and returns what they changed together; the lines they touch are rebuilt once, at
    /// the end (a batch of lists rebuilds each line once, not once per list).
    /// </summary>
    /// <param name="sourceEvents">The events, in order.</param>
    /// <returns>The lines added, changed and removed, and the unresolved entries added and removed.</returns>
    /// <exception cref="ArgumentException">An event names a source or entry this state does not have.</exception>
    public ReconciliationDelta ApplyAll(IEnumerable<SourceEvent> sourceEvents)
    {
        ArgumentNullException.ThrowIfNull(sourceEvents);
        var touched = new Touched();
        foreach (var sourceEvent in sourceEvents)
        {
            ArgumentNullException.ThrowIfNull(sourceEvent);
            Take(sourceEvent, touched);
        }

        return Rebuild(touched);
    }

    private void Take(SourceEvent sourceEvent, Touched touched)
    {
        switch (sourceEvent)
        {
            case SourceListReplaced replaced when _sources.TryGetValue(replaced.List.Source.Id, out var held) && replaced.List.Source.IsOlderThan(held.Source):
                touched.Superseded.Add(replaced);
                break;
            case SourceListReplaced replaced:
                var state = SetSource(replaced.List.Source, touched);
                var incoming = replaced.List.Entries.ToDictionary(e => e.EntryId, StringComparer.Ordinal);
                foreach (var old in state.Entries.Keys.Where(id => !incoming.ContainsKey(id)).ToList())
                {
                    RemoveEntry(state, old, touched);
                }

                foreach (var entry in replaced.List.Entries)
                {
                    PutEntry(state, entry, touched);
                }

                break;
            case EntryUpserted upserted:
                PutEntry(SetSource(upserted.Source, touched), upserted.Entry, touched);
                break;
            case EntryStopped stopped:
                var holder = FindSource(stopped.SourceId);
                var current = FindEntry(holder, stopped.EntryId).Entry;
                PutEntry(holder, current with { Status = EntryStatus.Stopped, End = stopped.StoppedAt, LastChanged = stopped.StoppedAt, Reason = stopped.Reason ?? current.Reason }, touched);
                break;
            case EntryRemoved removed:
                var from = FindSource(removed.SourceId);
                FindEntry(from, removed.EntryId);
                RemoveEntry(from, removed.EntryId, touched);
                break;
            case EntryMatched matched:
                ArgumentNullException.ThrowIfNull(matched.By, nameof(sourceEvent));
                var matchedIn = FindSource(matched.SourceId);
                var unmatched = FindEntry(matchedIn, matched.EntryId).Entry;
                if (!_normalizer.Knows(matched.Atc))
                {
                    throw new ArgumentException($"The knowledge base has no substance or combination with ATC code '{matched.Atc}'.", nameof(sourceEvent));
                }

                _matches[(matched.SourceId, matched.EntryId)] = matched;
                Index(matchedIn, matched.EntryId, Normalize(matchedIn.Source, unmatched), touched);
                break;
            case SourceRemoved sourceRemoved:
                var gone = FindSource(sourceRemoved.SourceId);
                foreach (var id in gone.Entries.Keys.ToList())
                {
                    RemoveEntry(gone, id, touched);
                }

                _sources.Remove(gone.Source.Id);
                touched.SourcesChanged = true;
                break;
            default:
                throw new ArgumentException($"Unknown event type {sourceEvent.GetType().Name}.", nameof(sourceEvent));
        }
    }

    private SourceState SetSource(MedicationSource source, Touched touched)
    {
        if (!_sources.TryGetValue(source.Id, out var state))
        {
            state = new SourceState(source);
            _sources.Add(source.Id, state);
            touched.SourcesChanged = true;
            return state;
        }

        if (state.Source != source)
        {
            state.Source = source;
            touched.SourcesChanged = true;
            foreach (var (id, entry) in state.Entries.ToList())
            {
                Index(state, id, entry with { Source = source }, touched);
            }
        }

        return state;
    }

    private SourceState FindSource(string sourceId) =>
        _sources.TryGetValue(sourceId, out var state) ? state : throw new ArgumentException($"No source '{sourceId}' in this patient's state.", nameof(sourceId));

    private static NormalizedEntry FindEntry(SourceState state, string entryId) =>
        state.Entries.TryGetValue(entryId, out var entry) ? entry : throw new ArgumentException($"Source '{state.Source.Id}' has no entry '{entryId}'.", nameof(entryId));

    private void PutEntry(SourceState state, MedicationEntry entry, Touched touched)
    {
        if (state.Entries.TryGetValue(entry.EntryId, out var existing) && existing.Entry.Equals(entry))
        {
            return;
        }

        Index(state, entry.EntryId, Normalize(state.Source, entry), touched);
    }

    /// <summary>Normalizes an entry, with the substance a clinician confirmed for it when there is a match in force.</summary>
    private NormalizedEntry Normalize(MedicationSource source, MedicationEntry entry) =>
        _matches.TryGetValue((source.Id, entry.EntryId), out var match) && !entry.Codings.Any(c => c.System == CodeSystem.Atc && c.Code == match.Atc)
            ? _normalizer.Normalize(source, entry with { Codings = [.. entry.Codings, new MedicationCoding(CodeSystem.Atc, match.Atc, $"confirmed by {match.By.Role} {match.By.Id}")] })
            : _normalizer.Normalize(source, entry);

    private void Index(SourceState state, string entryId, NormalizedEntry normalized, Touched touched)
    {
        RemoveEntry(state, entryId, touched);
        state.Entries[entryId] = normalized;
        var reference = (state.Source.Id, entryId);
        if (normalized.LineKey is { } key)
        {
            if (!_lineEntries.TryGetValue(key, out var entries))
            {
                entries = new SortedDictionary<(string, string), NormalizedEntry>(ReferenceOrder);
                _lineEntries.Add(key, entries);
            }

            entries[reference] = normalized;
            touched.Lines.Add(key);
        }
        else
        {
            _unresolved[reference] = new UnresolvedEntry(normalized, normalized.Resolution.UnresolvedReason!);
            touched.Unresolved.Add(reference);
            touched.Substances.UnionWith(normalized.Resolution.PossibleMatches.Select(m => SubstanceKey(m.Substances)));
        }
    }

    private void RemoveEntry(SourceState state, string entryId, Touched touched)
    {
        if (!state.Entries.Remove(entryId, out var old))
        {
            return;
        }

        var reference = (state.Source.Id, entryId);
        if (old.LineKey is { } key)
        {
            var entries = _lineEntries[key];
            entries.Remove(reference);
            if (entries.Count == 0)
            {
                _lineEntries.Remove(key);
            }

            touched.Lines.Add(key);
        }
        else
        {
            _unresolved.Remove(reference);
            touched.Unresolved.Add(reference);
            touched.Substances.UnionWith(old.Resolution.PossibleMatches.Select(m => SubstanceKey(m.Substances)));
        }
    }

    private ReconciliationDelta Rebuild(Touched touched)
    {
        var keys = touched.SourcesChanged ? _lineEntries.Keys.Concat(_lines.Keys).ToHashSet(StringComparer.Ordinal) : touched.Lines;
        if (touched.Substances.Count > 0)
        {
            keys.UnionWith(_lineEntries.Keys.Where(k => touched.Substances.Contains(SubstanceKey(k))));
        }

        var sources = _sources.Values.Select(s => s.Source).ToList();
        List<ReconciledLine> added = [], changed = [];
        List<string> removed = [];
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            _lines.TryGetValue(key, out var before);
            if (!_lineEntries.TryGetValue(key, out var entries))
            {
                if (before is not null)
                {
                    _lines.Remove(key);
                    removed.Add(key);
                }

                continue;
            }

            var substanceKey = SubstanceKey(key);
            var matches = _unresolved.Values.Where(u => u.Entry.Resolution.PossibleMatches.Any(m => SubstanceKey(m.Substances) == substanceKey)).ToList();
            var line = _lineBuilder.Build(key, entries.Values.ToList(), sources, matches);
            if (before is null)
            {
                added.Add(line);
            }
            else if (!line.IsEquivalentTo(before))
            {
                changed.Add(line);
            }
            else
            {
                continue;
            }

            _lines[key] = line;
        }

        var addedUnresolved = touched.Unresolved.Where(_unresolved.ContainsKey).Select(r => _unresolved[r]).ToList();
        var removedUnresolved = touched.Unresolved.Where(r => !_unresolved.ContainsKey(r)).Select(r => new EntryReference(r.Item1, r.Item2)).ToList();
        _current = null;
        return new ReconciliationDelta(added, changed, removed, addedUnresolved, removedUnresolved, touched.SourcesChanged) { Superseded = touched.Superseded };
    }

    private static string SubstanceKey(string lineKey) => lineKey.Split('@')[0];

    private static string SubstanceKey(IEnumerable<Knowledge.Substance> substances) => string.Join('+', substances.Select(s => s.Key));

    private sealed class SourceState(MedicationSource source)
    {
        public MedicationSource Source { get; set; } = source;

        public Dictionary<string, NormalizedEntry> Entries { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Touched
    {
        public bool SourcesChanged { get; set; }

        public HashSet<string> Lines { get; } = new(StringComparer.Ordinal);

        public SortedSet<(string, string)> Unresolved { get; } = new(ReferenceOrder);

        public HashSet<string> Substances { get; } = new(StringComparer.Ordinal);

        public List<SourceListReplaced> Superseded { get; } = [];
    }
}
