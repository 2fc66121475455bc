using MedEngine.Import.Text;

namespace MedEngine.Import.Interactions;

/// <summary>
/// OSCAR drugref (tab-separated: <c>id affectingdrug affectingatc affecteddrug affectedatc effect significance evidence comment</c>).
/// Keyed by ATC codes, so the misspelt drug names do not matter; a code above level 5 becomes a prefix (<c>C07A*</c>).
/// Significance 3 (major) is <c>avoid</c>, 2 (moderate) <c>caution</c>, 1 (minor) <c>info</c>; effect N (no effect) and a
/// missing significance are skipped.
/// </summary>
internal sealed class OscarList : IInteractionList
{
    private static readonly string[] Header = ["id", "affectingdrug", "affectingatc", "affecteddrug", "affectedatc", "effect", "significance", "evidence", "comment"];

    public string Source => "OSCAR drugref";

    public IEnumerable<ListPair> Read(string file, ImportLog log)
    {
        var first = true;
        foreach (var record in DelimitedReader.Read(file, '\t', quoted: false))
        {
            if (first)
            {
                first = false;
                if (!record.Fields.Select(f => f.Trim()).SequenceEqual(Header))
                {
                    throw new InputException(new InputError(InputIssueCodes.TableHeader, file, "The header must be " + string.Join(' ', Header) + ", tab-separated.") { Line = record.Line, Column = 1 });
                }

                continue;
            }

            log.CountRead();
            var location = $"{file}:{record.Line}";
            var item = $"{record.Field(1)} ({record.Field(2)}) + {record.Field(3)} ({record.Field(4)})";
            var effect = record.Field(5).ToUpperInvariant();
            var severity = record.Field(6) switch
            {
                "3" => InteractionSeverity.Avoid,
                "2" => InteractionSeverity.Caution,
                "1" => InteractionSeverity.Info,
                _ => null,
            };
            if (effect is not ("A" or "I"))
            {
                log.Skip(effect == "N" ? "no interaction (effect N)" : "no effect given", item, location);
                continue;
            }

            if (severity is null)
            {
                log.Skip("no significance", item, location);
                continue;
            }

            yield return new ListPair(location, new ListSide(record.Field(2), true), new ListSide(record.Field(4), true), severity, Consequence(record, effect));
        }
    }

    private static string Consequence(DelimitedRecord record, string effect)
    {
        var verb = effect == "A" ? "augments" : "inhibits";
        var comment = record.Field(8).Length > 0 ? " " + record.Field(8).TrimEnd('.') + "." : string.Empty;
        var evidence = record.Field(7).ToUpperInvariant() switch
        {
            "G" => " OSCAR evidence: good.",
            "F" => " OSCAR evidence: fair.",
            "P" => " OSCAR evidence: poor.",
            _ => string.Empty,
        };
        return $"{record.Field(1).ToLowerInvariant()} {verb} the effect of {record.Field(3).ToLowerInvariant()}.{comment}{evidence}";
    }
}
