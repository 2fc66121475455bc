using System.Globalization;
using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Reconciliation;

/// <summary>
/// One patient's clinician decisions and last confirmation, laid over the reconciled list: a decided line shows (and the rules
/// evaluate) what was decided; a line whose sources have since said otherwise is re-opened with <c>MR013</c> and shows the
/// proposal again. Not thread-safe: part of one patient session.
/// </summary>
internal sealed class DecisionOverlay(Func<NormalizedEntry, string, NormalizedEntry> redose)
{
    private readonly Dictionary<string, LineDecided> _decisions = new(StringComparer.Ordinal);

    /// <summary>The decisions in force, by line id.</summary>
    public IReadOnlyDictionary<string, LineDecided> Decisions => _decisions;

    /// <summary>The last confirmation, if any.</summary>
    public ListConfirmed? Confirmation { get; private set; }

    /// <summary>Whether there is nothing to lay over the list.</summary>
    public bool IsEmpty => _decisions.Count == 0 && Confirmation is null;

    /// <summary>
    /// Records a decision on a line of the list as it stands (its basis filled in from the line when not given). A decision that
    /// comes with its basis (restored from a snapshot) is taken even when its line is gone.
    /// </summary>
    /// <exception cref="ArgumentException">The line is not on the list, or the chosen entry is not on the line, or a change has no dosage.</exception>
    public void Decide(LineDecided decision, ReconciliationResult raw)
    {
        ArgumentNullException.ThrowIfNull(decision.By);
        var line = raw.Lines.FirstOrDefault(l => l.Id == decision.LineId);
        if (line is null && decision.Basis is not null)
        {
            _decisions[decision.LineId] = decision; // restored with what it was made on; its line is gone since
            return;
        }

        if (line is null)
        {
            throw new ArgumentException($"The list has no line '{decision.LineId}'.", nameof(decision));
        }
        if (decision.Kind == LineDecisionKind.ChooseEntry && (decision.Entry is not { } chosen || !line.Entries.Any(e => Is(e, chosen))))
        {
            throw new ArgumentException($"Line '{decision.LineId}': choose an entry of the line (entry.sourceId and entry.entryId).", nameof(decision));
        }

        if (decision.Kind == LineDecisionKind.Change && string.IsNullOrWhiteSpace(decision.DosageText))
        {
            throw new ArgumentException($"Line '{decision.LineId}': a change needs the new dosageText.", nameof(decision));
        }

        _decisions[decision.LineId] = decision with
        {
            Basis = decision.Basis ?? Basis(line),
            Entry = decision.Entry ?? (decision.Kind == LineDecisionKind.Accept ? Reference(line.Proposed.From) : null),
        };
    }

    /// <summary>Records a confirmation of the list as it stands (its lines filled in when not given).</summary>
    public void Confirm(ListConfirmed confirmation, ReconciliationResult raw)
    {
        ArgumentNullException.ThrowIfNull(confirmation.By);
        Confirmation = confirmation with { Lines = confirmation.Lines ?? raw.Lines.Select(l => new ConfirmedLineBasis(l.Id, Basis(l))).ToList() };
    }

    /// <summary>The line as decided, or re-opened when its sources contradict the decision; the line itself when undecided.</summary>
    public ReconciledLine Overlay(ReconciledLine line)
    {
        if (!_decisions.TryGetValue(line.Id, out var decision))
        {
            return line;
        }

        if (Contradiction(line, decision) is { } contradiction)
        {
            return line with { Discrepancies = [.. line.Discrepancies, contradiction] };
        }

        var decided = $"Decided by {decision.By.Role} {decision.By.Id} at {decision.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {LineDecisionKinds.ToName(decision.Kind)}"
            + (decision.Reason is { } reason ? $" ({reason})" : "") + ".";
        var proposed = decision.Kind switch
        {
            LineDecisionKind.Stop or LineDecisionKind.NotTaken => line.Proposed with { Status = EntryStatus.Stopped, Reason = decided },
            LineDecisionKind.ChooseEntry => new ProposedState(line.Entries.First(e => Is(e, decision.Entry!)), line.Entries.First(e => Is(e, decision.Entry!)).Entry.Status, decided),
            LineDecisionKind.Change => new ProposedState(redose(line.Proposed.From, decision.DosageText!), EntryStatus.Active, decided),
            _ => line.Proposed with { Reason = decided },
        };
        return line with { Proposed = proposed };
    }

    /// <summary>The <c>MR013</c> discrepancy when an entry that is new or changed since the decision says otherwise, else null.</summary>
    public Discrepancy? Contradiction(ReconciledLine line, LineDecided decision)
    {
        var basis = (decision.Basis ?? []).ToDictionary(b => (b.SourceId, b.EntryId));
        var stops = decision.Kind is LineDecisionKind.Stop or LineDecisionKind.NotTaken;
        var decidedDose = decision.Kind switch
        {
            LineDecisionKind.Change => redose(line.Proposed.From, decision.DosageText!).DailyDose?.ToString(),
            LineDecisionKind.Accept or LineDecisionKind.ChooseEntry when decision.Entry is { } entry && basis.TryGetValue((entry.Source, entry.EntryId), out var held) => held.DailyDose,
            _ => null,
        };
        if (decision.Kind == LineDecisionKind.ChooseEntry && !line.Entries.Any(e => Is(e, decision.Entry!)))
        {
            return Contradicts(decision, $"the chosen entry {decision.Entry!.Source}/{decision.Entry.EntryId} is gone", []);
        }

        var against = new List<(NormalizedEntry Entry, string Says)>();
        foreach (var entry in line.Entries)
        {
            var was = basis.GetValueOrDefault((entry.Source.Id, entry.Entry.EntryId));
            if (was is not null && was.Status == entry.Entry.Status && was.DosageText == entry.Entry.DosageText)
            {
                continue;
            }

            // A dispensing is "completed" when handed out: for a decision, that says the drug is in use.
            var active = entry.Entry.Status is EntryStatus.Active or EntryStatus.Unknown
                || (entry.Entry.Status == EntryStatus.Completed && entry.Source.Kind == SourceKind.Dispensing);
            var dose = entry.DailyDose?.ToString();
            if (stops && active)
            {
                against.Add((entry, (entry.Source.Kind == SourceKind.Dispensing ? "dispensed" : "active") + (dose is null ? "" : $" at {dose} a day")));
            }
            else if (!stops && !active && entry.Entry.Status != EntryStatus.EnteredInError)
            {
                against.Add((entry, EntryStatuses.ToName(entry.Entry.Status)));
            }
            else if (!stops && active && decidedDose is not null && dose is not null && dose != decidedDose)
            {
                against.Add((entry, $"{dose} a day, not {decidedDose}"));
            }
        }

        return against.Count == 0
            ? null
            : Contradicts(decision, string.Join("; ", against.Select(a => $"{a.Entry.Source.Id}/{a.Entry.Entry.EntryId} says {a.Says}")), against.Select(a => Reference(a.Entry)).ToList());
    }

    /// <summary>The list with its decisions: each line decided or open, the last confirmation and what changed since.</summary>
    public ConfirmedList View(ReconciliationResult raw)
    {
        var lines = raw.Lines.Select(l => _decisions.GetValueOrDefault(l.Id) is { } d ? new DecidedLine(Overlay(l), d, Contradiction(l, d)) : new DecidedLine(l, null, null)).ToList();
        var since = Since(raw);
        var status = Confirmation is null ? (_decisions.Count == 0 ? ReconciliationStatus.NotReconciled : ReconciliationStatus.PartlyReconciled)
            : !since.IsEmpty || lines.Any(l => l.Contradiction is not null) ? ReconciliationStatus.Stale
            : lines.Any(l => l.Decision is null) ? ReconciliationStatus.PartlyReconciled
            : ReconciliationStatus.Complete;
        return new ConfirmedList(status, Confirmation, lines, since);
    }

    private ChangesSinceConfirmed Since(ReconciliationResult raw)
    {
        if (Confirmation?.Lines is not { } confirmed)
        {
            return new ChangesSinceConfirmed([], [], []);
        }

        var then = confirmed.ToDictionary(l => l.LineId, StringComparer.Ordinal);
        var changed = new List<LineChangedSince>();
        foreach (var line in raw.Lines.Where(l => then.ContainsKey(l.Id)))
        {
            var was = then[line.Id].Entries.ToHashSet();
            var now = Basis(line);
            var added = now.Where(e => !was.Contains(e)).Select(e => new EntryReference(e.SourceId, e.EntryId)).ToList();
            var removed = was.Where(e => !now.Any(n => n.SourceId == e.SourceId && n.EntryId == e.EntryId)).Select(e => new EntryReference(e.SourceId, e.EntryId)).ToList();
            if (added.Count > 0 || removed.Count > 0)
            {
                changed.Add(new LineChangedSince(line.Id, added, removed));
            }
        }

        return new ChangesSinceConfirmed(
            raw.Lines.Where(l => !then.ContainsKey(l.Id)).Select(l => l.Id).ToList(),
            confirmed.Where(l => !raw.Lines.Any(r => r.Id == l.LineId)).Select(l => l.LineId).ToList(),
            changed);
    }

    /// <summary>The decisions and the confirmation, as events that restore them in a fresh session after its lists.</summary>
    public IEnumerable<PatientEvent> Events() =>
        [.. _decisions.Values.OrderBy(d => d.LineId, StringComparer.Ordinal), .. Confirmation is { } confirmed ? [confirmed] : Array.Empty<PatientEvent>()];

    /// <summary>The entries of a line as they stand, to record with a decision or confirmation.</summary>
    public static IReadOnlyList<DecisionBasisEntry> Basis(ReconciledLine line) =>
        line.Entries.Select(e => new DecisionBasisEntry(e.Source.Id, e.Entry.EntryId, e.Entry.Status, e.Entry.DosageText, e.DailyDose?.ToString())).ToList();

    private static Discrepancy Contradicts(LineDecided decision, string what, IReadOnlyList<EntryReference> entries) => new(
        DiscrepancyCodes.ContradictsDecision, DiscrepancyKind.Contradiction,
        $"Contradicts the decision '{LineDecisionKinds.ToName(decision.Kind)}' by {decision.By.Role} {decision.By.Id} at {decision.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (on sequence {decision.OnSequence}): {what}.",
        entries);

    private static bool Is(NormalizedEntry entry, EntryReference reference) => entry.Source.Id == reference.Source && entry.Entry.EntryId == reference.EntryId;

    private static EntryReference Reference(NormalizedEntry entry) => new(entry.Source.Id, entry.Entry.EntryId);
}
