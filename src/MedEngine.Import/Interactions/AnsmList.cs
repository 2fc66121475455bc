using MedEngine.Import.Text;

namespace MedEngine.Import.Interactions;

/// <summary>
/// The ANSM thesaurus as translated by WorldVista (tab-separated: <c>Drug_Interaction_ID Drug_1_Name Drug_1_RxCUI Drug_2_Name
/// Drug_2_RxCUI Description Severity Comment</c>; the header is repeated inside the file). Contraindication is
/// <c>contraindicated</c>, Not recommended <c>avoid</c>, Precaution for use <c>caution</c>, Take into account <c>info</c>.
/// </summary>
internal sealed class AnsmList : IInteractionList
{
    private static readonly Dictionary<string, string> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contraindication"] = InteractionSeverity.Contraindicated,
        ["Not recommended"] = InteractionSeverity.Avoid,
        ["Precaution for use"] = InteractionSeverity.Caution,
        ["Take into account"] = InteractionSeverity.Info,
    };

    public string Source => "ANSM thesaurus (WorldVista)";

    public IEnumerable<ListPair> Read(string file, ImportLog log)
    {
        var headerSeen = false;
        foreach (var record in DelimitedReader.Read(file, '\t', quoted: false))
        {
            if (record.Field(0) == "Drug_Interaction_ID")
            {
                headerSeen = true;
                continue;
            }

            if (!headerSeen)
            {
                throw new InputException(new InputError(InputIssueCodes.TableHeader, file, "The first line must be the header Drug_Interaction_ID, Drug_1_Name, ...") { Line = record.Line, Column = 1 });
            }

            log.CountRead();
            var location = $"{file}:{record.Line}";
            var item = $"{record.Field(1)} + {record.Field(3)}";
            if (!Severities.TryGetValue(record.Field(6), out var severity))
            {
                log.Skip("unknown severity", $"{item}: '{record.Field(6)}'", location);
                continue;
            }

            var description = record.Field(5);
            yield return new ListPair(location, new ListSide(record.Field(1), false), new ListSide(record.Field(3), false), severity,
                description.Length > 0 ? description : $"ANSM: {record.Field(6)}.")
            {
                Handling = record.Field(7),
                Reference = "ANSM Thésaurus des interactions médicamenteuses (WorldVista English translation), interaction " + record.Field(0),
            };
        }
    }
}
