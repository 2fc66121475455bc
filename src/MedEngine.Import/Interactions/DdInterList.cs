using MedEngine.Import.Text;

namespace MedEngine.Import.Interactions;

/// <summary>
/// DDInter 1.0 (CSV: <c>DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level</c>; non-commercial licence). Major is <c>avoid</c>,
/// Moderate <c>caution</c>, Minor and Unknown <c>info</c>. The same pair is in the file of each ATC group it touches.
/// </summary>
internal sealed class DdInterList : IInteractionList
{
    private static readonly string[] Header = ["DDInterID_A", "Drug_A", "DDInterID_B", "Drug_B", "Level"];

    public string Source => "DDInter 1.0";

    public IEnumerable<ListPair> Read(string file, ImportLog log)
    {
        var first = true;
        foreach (var record in DelimitedReader.Read(file, ',', quoted: true))
        {
            if (first)
            {
                first = false;
                if (!record.Fields.Select(f => f.Trim()).SequenceEqual(Header))
                {
                    throw new InputException(new InputError(InputIssueCodes.TableHeader, file, "The header must be " + string.Join(',', Header) + ".") { Line = record.Line, Column = 1 });
                }

                continue;
            }

            log.CountRead();
            var location = $"{file}:{record.Line}";
            var level = record.Field(4);
            string? severity = level.ToUpperInvariant() switch
            {
                "MAJOR" => InteractionSeverity.Avoid,
                "MODERATE" => InteractionSeverity.Caution,
                "MINOR" or "UNKNOWN" => InteractionSeverity.Info,
                _ => null,
            };
            if (severity is null)
            {
                log.Skip("unknown severity", $"{record.Field(1)} + {record.Field(3)}: '{level}'", location);
                continue;
            }

            var ids = new[] { record.Field(0), record.Field(2) }.Order(StringComparer.Ordinal).ToArray();
            yield return new ListPair(location, new ListSide(record.Field(1), false), new ListSide(record.Field(3), false), severity,
                $"Interaction of level {level} in DDInter 1.0, which gives no consequence text.")
            {
                Reference = "DDInter 1.0 (CC BY-NC-SA 4.0) " + string.Join('/', ids),
                PairId = string.Join('/', ids),
            };
        }
    }
}
