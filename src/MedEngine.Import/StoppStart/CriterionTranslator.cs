namespace MedEngine.Import.StoppStart;

/// <summary>
/// Translates one criterion: chooses its iterations, translates each, merges the drafts, builds examples and numbers the
/// rules (<c>STOPP2-B4</c>, <c>STOPP2-B4-2</c>...). An iteration that cannot be expressed makes the criterion partial; none
/// expressed makes it not translated.
/// </summary>
internal sealed class CriterionTranslator(KnownSubstances known, ImportLog log)
{
    private readonly BranchTranslator _branches = new(known);

    public CriterionOutcome Translate(SourceCriterion criterion)
    {
        var iterations = IterationFilter.Select(criterion, log);
        var results = iterations.Select(i => _branches.Translate(criterion, i)).ToList();
        var losses = new List<string>();
        var notReasons = new List<string>();
        foreach (var failed in results.Where(r => r.Draft is null))
        {
            notReasons.Add(failed.NotReason!);
        }

        if (iterations.Count == 0)
        {
            notReasons.Add("no iteration coded in ICPC-2, ICD-10 or without diagnoses");
        }

        var rules = new List<GeneratedRule>();
        var dropped = new List<string>();
        var severity = criterion.IsStart ? StoppStartRules.StartSeverity : StoppStartRules.StoppSeverity;
        foreach (var branch in DraftMerger.Merge(results))
        {
            if (ExampleBuilder.Build(branch.Draft!, severity, known, out var failure) is not { } examples)
            {
                notReasons.Add(Losses.NoExamplePrefix + failure);
                continue;
            }

            rules.Add(new GeneratedRule(StoppStartRules.Id(criterion, rules.Count), branch.Draft!, branch.Losses, examples));
            losses.AddRange(branch.Losses);
            dropped.AddRange(branch.DroppedCodes);
        }

        if (rules.Count > 0)
        {
            losses.AddRange(notReasons.Select(r => Losses.AlternativePrefix + r));
            foreach (var code in dropped.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                log.Skip("ATC code or prefix names no substance in the knowledge base (left out of the rule)", code, criterion.Id);
            }
        }

        return new CriterionOutcome(criterion, rules, losses.Distinct(StringComparer.Ordinal).ToList(), notReasons);
    }
}
