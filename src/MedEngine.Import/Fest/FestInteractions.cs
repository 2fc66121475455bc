using MedEngine.Import.Interactions;
using MedEngine.Knowledge;

namespace MedEngine.Import.Fest;

/// <summary>
/// Turns FEST Interaksjon into interaction table rows: Relevans 1 is <c>avoid</c>, 2 <c>caution</c>, 3 <c>info</c>. An
/// interaction with more than two substance groups becomes one row per pair of groups and pair of substances in them. A
/// Substans with an ATC code is that code (a prefix with <c>*</c> above level 5); one without is <c>name:</c> and its name.
/// </summary>
internal static class FestInteractions
{
    public static void Add(FestCatalog catalog, InteractionCollector collector, string source, ImportLog log)
    {
        foreach (var interaction in catalog.Interactions)
        {
            var severity = interaction.Relevans switch
            {
                "1" => InteractionSeverity.Avoid,
                "2" => InteractionSeverity.Caution,
                "3" => InteractionSeverity.Info,
                _ => null,
            };
            var groups = interaction.Groups.Select(g => g.Select(s => Side(s, interaction.Id, log)).OfType<string>().Distinct().ToList())
                .Where(g => g.Count > 0).ToList();
            if (severity is null)
            {
                log.Skip("unknown Relevans", $"{interaction.Id} Relevans '{interaction.Relevans}'", interaction.Id);
                continue;
            }

            if (groups.Count < 2)
            {
                log.Skip("fewer than two substance groups", interaction.Id, interaction.Id);
                continue;
            }

            log.Count("interactions (FEST entries)");
            if (groups.Count > 2)
            {
                log.Count("interactions with more than two groups");
            }

            var consequence = interaction.Consequence.Length > 0 ? interaction.Consequence : "FEST states no clinical consequence for this interaction.";
            var evidence = interaction.Evidence is "1" or "2" or "3" or "4" ? interaction.Evidence : string.Empty;
            var reference = string.Join(';', interaction.References.Select(r => r.Replace(';', ',')));
            for (var i = 0; i < groups.Count; i++)
            {
                for (var j = i + 1; j < groups.Count; j++)
                {
                    foreach (var a in groups[i])
                    {
                        foreach (var b in groups[j])
                        {
                            collector.Add(new TableRow(a, b, severity, consequence, interaction.Mechanism, interaction.Handling, evidence, reference, source),
                                $"{interaction.Id}: {a} + {b}", interaction.Id);
                        }
                    }
                }
            }
        }
    }

    private static string? Side(FestInteractionSubstance substance, string interactionId, ImportLog log)
    {
        if (AtcCode.IsValid(substance.Atc))
        {
            return AtcCode.IsSubstanceLevel(substance.Atc) ? substance.Atc : substance.Atc + "*";
        }

        var name = NameNormalizer.Normalize(substance.Name);
        if (name.Length > 0)
        {
            return "name:" + name;
        }

        log.Skip("substance without ATC code or name", $"{interactionId}: '{substance.Atc}'", interactionId);
        return null;
    }
}
