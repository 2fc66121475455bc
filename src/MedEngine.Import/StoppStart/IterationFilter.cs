namespace MedEngine.Import.StoppStart;

/// <summary>
/// Chooses the iterations of a criterion to translate. Iterations are alternatives (any one is enough). Those coded in
/// ICPC-1-NL (Dutch) or ICD-9 repeat an ICPC-2 or ICD-10 iteration and are left out; an iteration whose conditions include
/// all of another's (with the same action) adds nothing, since the broader one already holds whenever it does.
/// </summary>
internal static class IterationFilter
{
    public static IReadOnlyList<SourceIteration> Select(SourceCriterion criterion, ImportLog log)
    {
        var kept = new List<SourceIteration>();
        foreach (var iteration in criterion.Iterations)
        {
            if (iteration.Conditions.Any(c => c.Kind == ElementKind.Episode && !c.Terminologies.Any(t => CodeMapper.ConditionSystems.Contains(t, StringComparer.Ordinal))))
            {
                log.Count("iterations coded in ICPC-1-NL or ICD-9 (left out: other codings of an ICPC-2 or ICD-10 iteration)");
            }
            else
            {
                kept.Add(iteration);
            }
        }

        var sets = kept.Select(i => (Iteration: i, Set: i.Conditions.Select(c => c.Signature).ToHashSet(StringComparer.Ordinal), Action: i.Action.Signature)).ToList();
        var result = new List<SourceIteration>();
        for (var i = 0; i < sets.Count; i++)
        {
            var (iteration, set, action) = sets[i];
            var implied = sets.Where((other, j) => j != i && other.Action == action
                && other.Set.IsSubsetOf(set) && (other.Set.Count < set.Count || j < i)).Any();
            if (implied)
            {
                log.Count("iterations implied by a broader one (left out)");
            }
            else
            {
                result.Add(iteration);
            }
        }

        return result;
    }
}
