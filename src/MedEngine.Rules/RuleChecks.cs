using MedEngine.Knowledge;

namespace MedEngine.Rules;

/// <summary>Checks of rules against the knowledge base: ATC codes and prefixes that name no known substance can never match.</summary>
internal static class RuleChecks
{
    public static IEnumerable<InputError> UnknownCodes(IEnumerable<ClinicalRule> rules, IKnowledgeBase knowledge)
    {
        var known = knowledge.Names.Select(knowledge.FindByName).OfType<KnowledgeMatch>()
            .SelectMany(m => m.Substances.Select(s => s.Atc).Append(m.Product?.Atc)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var pattern in Selectors(rule).SelectMany(s => s.Include.Concat(s.ExceptAtc)).Distinct(StringComparer.Ordinal))
            {
                if (pattern.StartsWith("name:", StringComparison.Ordinal) || known.Any(k => ClinicalCodes.Matches(k, pattern)))
                {
                    continue;
                }

                yield return new InputError(InputIssueCodes.RuleNeverHolds, rule.File, $"Rule '{rule.Id}': the ATC code '{pattern}' names no substance in the knowledge base, so it can never match.") { Line = rule.Line, Column = 1 };
            }
        }
    }

    /// <summary>Every selector of a rule: its drugs, its missing therapy and what it must take, its dose bands' and its modifiers' medications.</summary>
    public static IEnumerable<DrugSelector> Selectors(ClinicalRule rule)
    {
        IEnumerable<DrugSelector> main = rule.Condition switch
        {
            InteractionCondition c => c.Groups,
            DuplicateCondition c => [c.Drug],
            DrugPatientCondition c => [c.Drug],
            DrugLabCondition c => [c.Drug],
            DoseLimitCondition c => [c.Drug, .. c.Others],
            CumulativeCondition c => [c.Drug],
            MissingTherapyCondition c => c.Selectors,
            _ => [],
        };
        return main.Concat(rule.Modifiers.Select(m => m.When.Medication).OfType<DrugSelector>());
    }
}
