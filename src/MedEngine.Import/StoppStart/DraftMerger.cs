namespace MedEngine.Import.StoppStart;

/// <summary>
/// Joins the drafts of a criterion that are equal in everything but their conditions (typically the ICPC-2 and the ICD-10
/// iteration of one diagnosis, or several diagnoses of one drug): their condition codes are joined (any one is enough).
/// A draft without conditions is broader than one with them, so the joined draft then has none. A draft that another,
/// broader one already covers is left out.
/// </summary>
internal static class DraftMerger
{
    public static IReadOnlyList<BranchResult> Merge(IEnumerable<BranchResult> branches)
    {
        var groups = new List<List<BranchResult>>();
        foreach (var branch in branches.Where(b => b.Draft is not null))
        {
            var group = groups.Find(g => g[0].Draft!.MergeKey == branch.Draft!.MergeKey);
            if (group is null)
            {
                groups.Add([branch]);
            }
            else
            {
                group.Add(branch);
            }
        }

        var joined = groups.Select(Join).ToList();
        return joined.Where(b => !joined.Exists(a => !ReferenceEquals(a, b) && Covers(a.Draft!, b.Draft!))).ToList();
    }

    /// <summary>
    /// Whether <paramref name="broad"/> fires whenever <paramref name="narrow"/> does, at least as severely: equal but for the
    /// narrow one's "without a co-medication" modifier, with the broad one's conditions including the narrow one's.
    /// </summary>
    private static bool Covers(RuleDraft broad, RuleDraft narrow) =>
        broad.LowerWhen is null && narrow.LowerWhen is not null
        && broad.MergeKey == (narrow with { LowerWhen = null }).MergeKey
        && (broad.Conditions.Count == 0 || narrow.Conditions.All(c => broad.Conditions.Contains(c, StringComparer.Ordinal)));

    private static BranchResult Join(List<BranchResult> group)
    {
        var drafts = group.Select(b => b.Draft!).ToList();
        var conditions = drafts.Exists(d => d.Conditions.Count == 0) ? [] : drafts.SelectMany(d => d.Conditions).Distinct(StringComparer.Ordinal).ToList();
        var draft = drafts[0] with { Conditions = conditions, Priorities = drafts.SelectMany(d => d.Priorities).Order().ToList() };
        return new BranchResult(
            draft,
            group.SelectMany(b => b.Losses).Distinct(StringComparer.Ordinal).ToList(),
            null,
            group.SelectMany(b => b.DroppedCodes).Distinct(StringComparer.Ordinal).ToList());
    }
}
