using MedEngine.Import.Text;

namespace MedEngine.Import.Atc;

/// <summary>Reads Norwegian ATC names (CSV <c>atc_code,navn_no</c>).</summary>
internal static class NorwegianNames
{
    /// <exception cref="InputException">The header is not <c>atc_code,navn_no</c>.</exception>
    public static Dictionary<string, string> Load(string path)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = true;
        foreach (var record in DelimitedReader.Read(path, ',', quoted: true))
        {
            if (first)
            {
                first = false;
                if (record.Field(0) != "atc_code" || record.Field(1) != "navn_no")
                {
                    throw new InputException(new InputError(InputIssueCodes.TableHeader, path, "The header must be atc_code,navn_no.") { Line = record.Line, Column = 1 });
                }

                continue;
            }

            if (record.Field(1).Length > 0)
            {
                names.TryAdd(record.Field(0).ToUpperInvariant(), record.Field(1));
            }
        }

        return names;
    }
}
