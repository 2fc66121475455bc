using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Reconciliation;

/// <summary>
/// The entry point for reconciliation: many source lists in, one reconciled list out. Immutable and thread-safe;
/// create one per knowledge base and share it. For one patient receiving events, use <see cref="CreatePatientState"/>.
/// </summary>
internal sealed class ReconciliationEngine
{
    private readonly EntryNormalizer _normalizer;
    private readonly SourcePrecedencePolicy _policy;

    /// <summary>Creates an engine.</summary>
    /// <param name="knowledge">The knowledge base used to resolve entries.</param>
    /// <param name="policy">The source-precedence policy. The default value is <see cref="SourcePrecedencePolicy.Default"/>.</param>
    /// <param name="proposer">What proposes possible matches for unresolved names; by default <see cref="EditDistanceProposer"/>.</param>
    public ReconciliationEngine(IKnowledgeBase knowledge, SourcePrecedencePolicy? policy = null, IMatchProposer? proposer = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _normalizer = new EntryNormalizer(knowledge, proposer);
        _policy = policy ?? SourcePrecedencePolicy.Default;
    }

    /// <summary>Creates an engine over the knowledge base that ships with MedEngine, with the default policy.</summary>
    /// <returns>The engine.</returns>
    public static ReconciliationEngine CreateDefault() => new(FileKnowledgeBase.LoadShipped());

    /// <summary>Reconciles whole source lists: the fold of one <see cref="SourceListReplaced"/> event per list, applied together.</summary>
    /// <param name="lists">The lists, one per source.</param>
    /// <returns>The reconciled list.</returns>
    /// <exception cref="ArgumentException">Two lists come from the same source id.</exception>
    public ReconciliationResult Reconcile(IEnumerable<SourceList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var events = new List<SourceEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            if (!seen.Add(list.Source.Id))
            {
                throw new ArgumentException($"Two lists come from source '{list.Source.Id}'; give each source one list.", nameof(lists));
            }

            events.Add(new SourceListReplaced(list));
        }

        var state = CreatePatientState();
        state.ApplyAll(events);
        return state.Current;
    }

    /// <summary>Creates an empty per-patient state that takes events and returns what changed.</summary>
    /// <returns>The state.</returns>
    public PatientMedicationState CreatePatientState() => new(_normalizer, _policy);
}
