using System.Globalization;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Atc;

/// <summary>
/// The WHO ATC index with DDDs (CSV with the columns <c>atc_code,atc_name,ddd,uom,adm_r,note</c>, <c>NA</c> for none), and the
/// exact-name lookup of level 5 substances built from it. A name that several level 5 codes share (miconazole has six) gives
/// its first code in the index as the primary one; names of combinations and of "various" groups name no substance.
/// </summary>
public sealed class AtcIndex
{
    private static readonly string[] Header = ["atc_code", "atc_name", "ddd", "uom", "adm_r", "note"];
    private static readonly HashSet<string> GroupNames = new(StringComparer.Ordinal) { "various", "others", "other", "miscellaneous", "general" };
    private readonly Dictionary<string, string> _primaryByName;
    private readonly HashSet<string> _codes;

    private AtcIndex(IReadOnlyList<AtcEntry> entries, string file)
    {
        Entries = entries;
        File = file;
        _primaryByName = new Dictionary<string, string>(StringComparer.Ordinal);
        _codes = entries.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => AtcCode.IsSubstanceLevel(e.Code) && IsSubstanceName(e.Name)))
        {
            _primaryByName.TryAdd(NameNormalizer.Normalize(entry.Name), entry.Code);
        }
    }

    /// <summary>Every row, in file order (a code with several DDDs has several rows).</summary>
    public IReadOnlyList<AtcEntry> Entries { get; }

    /// <summary>The file the index was read from.</summary>
    public string File { get; }

    /// <summary>Reads the index.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The index.</returns>
    /// <exception cref="InputException">The header is not the expected one, or a code is not an ATC code.</exception>
    public static AtcIndex Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = new List<AtcEntry>();
        var errors = new List<InputError>();
        var first = true;
        foreach (var record in DelimitedReader.Read(path, ',', quoted: true))
        {
            if (first)
            {
                first = false;
                if (!record.Fields.Select(f => f.Trim()).SequenceEqual(Header))
                {
                    throw new InputException(new InputError(InputIssueCodes.TableHeader, path, "The header must be " + string.Join(',', Header) + ".") { Line = record.Line, Column = 1 });
                }

                continue;
            }

            var code = record.Field(0).ToUpperInvariant();
            if (!AtcCode.IsValid(code))
            {
                errors.Add(new InputError(InputIssueCodes.ImportInvalidValue, path, $"'{record.Field(0)}' is not an ATC code.") { Line = record.Line, Column = 1 });
                continue;
            }

            entries.Add(new AtcEntry(code, record.Field(1), Number(record.Field(2)), Value(record.Field(3)), Value(record.Field(4)), Value(record.Field(5))));
        }

        return errors.Count > 0 ? throw new InputException(errors) : new AtcIndex(entries, path);
    }

    /// <summary>Whether a WHO level 5 name names one substance: not a combination (<c>..., combinations</c>, <c>x and y</c>) nor a group (<c>various</c>).</summary>
    /// <param name="name">The WHO name.</param>
    /// <returns><see langword="true"/> for a single substance's name.</returns>
    public static bool IsSubstanceName(string name)
    {
        var normalized = NameNormalizer.Normalize(name);
        var words = NameNormalizer.Words(normalized);
        return normalized.Length > 0 && !GroupNames.Contains(normalized) && !words.Contains("and")
            && !words.Any(w => w.StartsWith("combination", StringComparison.Ordinal));
    }

    /// <summary>The primary level 5 code of a substance name, by exact normalized name.</summary>
    /// <param name="normalizedName">A name normalized with <see cref="NameNormalizer"/>.</param>
    /// <returns>The code, or <see langword="null"/>.</returns>
    public string? FindPrimaryCode(string normalizedName) => _primaryByName.GetValueOrDefault(normalizedName);

    /// <summary>Whether the index has a code, at any level.</summary>
    /// <param name="code">The code, in upper case.</param>
    /// <returns><see langword="true"/> when the index lists it.</returns>
    public bool Contains(string code) => _codes.Contains(code);

    private static string? Value(string text) => text.Length == 0 || text == "NA" ? null : text;

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
