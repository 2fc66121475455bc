using System.Collections.Frozen;
using MedEngine.Model;

namespace MedEngine.Knowledge;

/// <summary>
/// The knowledge base loaded from the tab-separated files described in <c>docs/knowledge-base.md</c>:
/// <c>substances.tsv</c>, <c>salts.txt</c> and <c>products.tsv</c>. Immutable and thread-safe once loaded.
/// </summary>
public sealed class FileKnowledgeBase : IKnowledgeBase
{
    private const string SubstancesFile = "substances.tsv";
    private const string SaltsFile = "salts.txt";
    private const string ProductsFile = "products.tsv";
    /// <summary>The columns of <c>substances.tsv</c>, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> SubstanceColumns { get; } = ["atc", "name_en", "name_nb", "synonyms"];

    /// <summary>The columns of <c>products.tsv</c>, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> ProductColumns { get; } = ["name", "substances", "atc", "form", "route", "codes"];


    private readonly FrozenDictionary<string, KnowledgeMatch> _byName;
    private readonly FrozenDictionary<(CodeSystem, string), KnowledgeMatch> _byCode;
    private readonly FrozenSet<string> _salts;

    private FileKnowledgeBase(Dictionary<string, KnowledgeMatch> byName, Dictionary<(CodeSystem, string), KnowledgeMatch> byCode, HashSet<string> salts)
    {
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byCode = byCode.ToFrozenDictionary();
        _salts = salts.ToFrozenSet(StringComparer.Ordinal);
        Names = _byName.Keys;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Names { get; }

    /// <summary>The folder the shipped knowledge base is copied to, beside the application: <c>medengine-knowledge</c>.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "medengine-knowledge");

    /// <summary>
    /// Loads the knowledge base that ships with MedEngine (the package <c>MedEngine.Knowledge.Data</c>, whose files are
    /// copied to <see cref="ShippedDirectory"/>).
    /// </summary>
    /// <returns>The knowledge base.</returns>
    /// <exception cref="InputException">The files are missing (the data package was left out) or malformed.</exception>
    public static FileKnowledgeBase LoadShipped() => Load(ShippedDirectory);

    /// <summary>Loads the knowledge base from a folder holding <c>substances.tsv</c>, <c>salts.txt</c> and <c>products.tsv</c>.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The knowledge base.</returns>
    /// <exception cref="InputException">A file is missing or malformed; every problem is listed with file, line and column.</exception>
    public static FileKnowledgeBase Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Load(name => Open(Path.Combine(directory, name)), directory + Path.DirectorySeparatorChar);
    }

    /// <summary>A table file's text (<see cref="InputFiles"/>: strict UTF-8), or why there is none.</summary>
    private static (TextReader? Reader, InputError? Error) Open(string path)
    {
        var (text, error) = InputFiles.ReadText(path);
        return (text is null ? null : new StringReader(text), error);
    }

    private static FileKnowledgeBase Load(Func<string, (TextReader? Reader, InputError? Error)> open, string origin)
    {
        var errors = new List<InputError>();
        var substances = new Dictionary<string, Substance>(StringComparer.Ordinal);
        var byName = new Dictionary<string, KnowledgeMatch>(StringComparer.Ordinal);
        var byCode = new Dictionary<(CodeSystem, string), KnowledgeMatch>();
        var salts = new HashSet<string>(StringComparer.Ordinal);

        foreach (var row in ReadTable(open, origin, SubstancesFile, SubstanceColumns, errors))
        {
            AddSubstance(row, substances, byName, byCode, errors);
        }

        foreach (var row in ReadTable(open, origin, SaltsFile, null, errors))
        {
            salts.Add(NameNormalizer.Normalize(row.Cells[0]));
        }

        foreach (var row in ReadTable(open, origin, ProductsFile, ProductColumns, errors))
        {
            AddProduct(row, substances, byName, byCode, errors);
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList());
        }

        return new FileKnowledgeBase(byName, byCode, salts);
    }

    private static void AddSubstance(Row row, Dictionary<string, Substance> substances, Dictionary<string, KnowledgeMatch> byName,
        Dictionary<(CodeSystem, string), KnowledgeMatch> byCode, List<InputError> errors)
    {
        var atc = row.Cells[0].Trim();
        var nameEn = NameNormalizer.Normalize(row.Cells[1]);
        if (nameEn.Length == 0)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 2, "name_en is empty."));
            return;
        }

        if (atc.Length > 0 && !AtcCode.IsSubstanceLevel(atc))
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 1, $"'{atc}' is not an ATC level 5 code."));
            return;
        }

        var key = atc.Length > 0 ? atc : "name:" + nameEn;
        var synonyms = SplitList(row.Cells[3]).Select(NameNormalizer.Normalize).Where(s => s.Length > 0).ToArray();
        var substance = new Substance(key, atc.Length > 0 ? atc : null, nameEn, NameNormalizer.Normalize(row.Cells[2]) is { Length: > 0 } nb ? nb : nameEn, synonyms);
        if (!substances.TryAdd(key, substance))
        {
            errors.Add(row.Error(InputIssueCodes.TableDuplicate, 1, $"Substance '{key}' is listed twice."));
            return;
        }

        var match = new KnowledgeMatch([substance], null);
        if (substance.Atc is not null)
        {
            byCode[(CodeSystem.Atc, substance.Atc)] = match;
        }

        foreach (var name in new[] { substance.NameEn, substance.NameNb }.Concat(synonyms).Distinct(StringComparer.Ordinal))
        {
            AddName(row, name, match, byName, errors, 2);
        }
    }

    private static void AddProduct(Row row, Dictionary<string, Substance> substances, Dictionary<string, KnowledgeMatch> byName,
        Dictionary<(CodeSystem, string), KnowledgeMatch> byCode, List<InputError> errors)
    {
        var name = NameNormalizer.Normalize(row.Cells[0]);
        if (name.Length == 0)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 1, "name is empty."));
            return;
        }

        var members = new List<Substance>();
        foreach (var key in SplitList(row.Cells[1]))
        {
            if (substances.TryGetValue(key, out var byKey) || substances.TryGetValue("name:" + NameNormalizer.Normalize(key), out byKey))
            {
                members.Add(byKey);
            }
            else
            {
                errors.Add(row.Error(InputIssueCodes.TableUnknownReference, 2, $"Substance '{key}' is not in {SubstancesFile}."));
            }
        }

        if (members.Count == 0)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 2, "A product needs at least one substance."));
            return;
        }

        var atc = row.Cells[2].Trim();
        if (atc.Length > 0 && !AtcCode.IsValid(atc))
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 3, $"'{atc}' is not an ATC code."));
            return;
        }

        var codes = new List<MedicationCoding>();
        foreach (var code in SplitList(row.Cells[5]))
        {
            if (TryParseCode(code, out var coding))
            {
                codes.Add(coding);
            }
            else
            {
                errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 6, $"'{code}' is not a code of the form fest:ID, rxnorm:ID or snomed:ID."));
            }
        }

        var ordered = members.Distinct().OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        var product = new Product(name, ordered, atc.Length > 0 ? atc : null, EmptyToNull(row.Cells[3]), EmptyToNull(row.Cells[4]), codes);
        var match = new KnowledgeMatch(ordered, product);
        AddName(row, name, match, byName, errors, 1);
        if (product.Atc is not null)
        {
            byCode.TryAdd((CodeSystem.Atc, product.Atc), match);
        }

        foreach (var coding in codes)
        {
            if (!byCode.TryAdd((coding.System, coding.Code), match))
            {
                errors.Add(row.Error(InputIssueCodes.TableDuplicate, 6, $"Code '{coding.Code}' already names another product."));
            }
        }
    }

    private static void AddName(Row row, string name, KnowledgeMatch match, Dictionary<string, KnowledgeMatch> byName, List<InputError> errors, int column)
    {
        if (byName.TryGetValue(name, out var existing) && !existing.Substances.SequenceEqual(match.Substances))
        {
            errors.Add(row.Error(InputIssueCodes.TableDuplicate, column, $"The name '{name}' already names {string.Join(" + ", existing.Substances.Select(s => s.NameEn))}."));
            return;
        }

        byName.TryAdd(name, match);
    }

    private static bool TryParseCode(string text, out MedicationCoding coding)
    {
        coding = null!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        CodeSystem? system = text[..colon].Trim().ToLowerInvariant() switch
        {
            "fest" => CodeSystem.FestProduct,
            "rxnorm" => CodeSystem.RxNorm,
            "snomed" => CodeSystem.SnomedCt,
            _ => null,
        };
        if (system is null)
        {
            return false;
        }

        coding = new MedicationCoding(system.Value, text[(colon + 1)..].Trim());
        return true;
    }

    private static string? EmptyToNull(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IEnumerable<string> SplitList(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<Row> ReadTable(Func<string, (TextReader? Reader, InputError? Error)> open, string origin, string name, IReadOnlyList<string>? columns, List<InputError> errors)
    {
        var rows = new List<Row>();
        var file = origin + name;
        var (opened, error) = open(name);
        using var reader = opened;
        if (reader is null)
        {
            errors.Add(error!);
            return rows;
        }

        var lineNumber = 0;
        var headerSeen = columns is null;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (!headerSeen)
            {
                headerSeen = true;
                if (!cells.Select(c => c.Trim()).SequenceEqual(columns!))
                {
                    errors.Add(new InputError(InputIssueCodes.TableHeader, file, $"The header must be the columns {string.Join(", ", columns!)} separated by tabs.") { Line = lineNumber, Column = 1 });
                    return rows;
                }

                continue;
            }

            var expected = columns?.Count ?? 1;
            if (cells.Length != expected)
            {
                errors.Add(new InputError(InputIssueCodes.TableColumns, file, $"Expected {expected} tab-separated columns, found {cells.Length}.") { Line = lineNumber, Column = 1 });
                continue;
            }

            rows.Add(new Row(file, lineNumber, line, cells));
        }

        return rows;
    }

    /// <inheritdoc />
    public KnowledgeMatch? FindByCode(CodeSystem system, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.GetValueOrDefault((system, system == CodeSystem.Atc ? code.Trim().ToUpperInvariant() : code.Trim()));
    }

    /// <inheritdoc />
    public KnowledgeMatch? FindByName(string normalizedName) => _byName.GetValueOrDefault(normalizedName);

    /// <inheritdoc />
    public bool IsSalt(string normalizedWord) => _salts.Contains(normalizedWord);

    private sealed record Row(string File, int Line, string Text, string[] Cells)
    {
        public InputError Error(string code, int column, string message)
        {
            var offset = 1;
            for (var i = 1; i < column && i <= Cells.Length; i++)
            {
                offset += Cells[i - 1].Length + 1;
            }

            return new InputError(code, File, message) { Line = Line, Column = offset };
        }
    }
}
