using System.Collections.Frozen;
using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Knowledge;

/// <summary>
/// The knowledge base loaded from the tab-separated files described in <c>docs/knowledge-base.md</c>:
/// <c>substances.tsv</c>, <c>salts.txt</c>, <c>makers.txt</c> and <c>products.tsv</c>. Immutable and thread-safe once loaded.
/// </summary>
public sealed class FileKnowledgeBase : IKnowledgeBase
{
    private const string SubstancesFile = "substances.tsv";
    private const string SaltsFile = "salts.txt";
    private const string ProductsFile = "products.tsv";
    private const string MakersFile = "makers.txt";
    private const int MaxMakerWords = 3;

    /// <summary>The columns of <c>substances.tsv</c>, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> SubstanceColumns { get; } = ["atc", "name_en", "name_nb", "synonyms", "rxnorm"];

    /// <summary>The columns of <c>products.tsv</c>, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> ProductColumns { get; } = ["name", "substances", "atc", "form", "route", "codes", "strengths"];

    private readonly FrozenDictionary<string, KnowledgeMatch> _byName;
    private readonly FrozenDictionary<(CodeSystem, string), KnowledgeMatch> _byCode;
    private readonly FrozenSet<string> _salts;
    private readonly FrozenSet<string> _makers;

    private FileKnowledgeBase(Dictionary<string, KnowledgeMatch> byName, Dictionary<(CodeSystem, string), KnowledgeMatch> byCode, HashSet<string> salts,
        HashSet<string> makers, IEnumerable<Substance> substances, IEnumerable<Product> products)
    {
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byCode = byCode.ToFrozenDictionary();
        _salts = salts.ToFrozenSet(StringComparer.Ordinal);
        _makers = makers.ToFrozenSet(StringComparer.Ordinal);
        Names = _byName.Keys;
        Makers = _makers;
        Substances = substances.OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        Products = products.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The normalized makers' names of <c>makers.txt</c>.</summary>
    public IReadOnlySet<string> Makers { get; }

    /// <summary>Every substance of <c>substances.tsv</c>, ordered by key.</summary>
    public IReadOnlyList<Substance> Substances { get; }

    /// <summary>Every product of <c>products.tsv</c>, ordered by name.</summary>
    public IReadOnlyList<Product> Products { get; }

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

    /// <summary>Loads the knowledge base from a folder holding <c>substances.tsv</c>, <c>salts.txt</c>, <c>makers.txt</c> and <c>products.tsv</c>.</summary>
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
        var makers = new HashSet<string>(StringComparer.Ordinal);
        var products = new List<Product>();

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
            AddProduct(row, substances, products, byName, byCode, errors);
        }

        foreach (var row in ReadTable(open, origin, MakersFile, null, errors))
        {
            AddMaker(row, makers, byName, errors);
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList());
        }

        return new FileKnowledgeBase(byName, byCode, salts, makers, substances.Values, products);
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
        var rxNorm = row.Cells[4].Trim();
        if (rxNorm.Length > 0 && !rxNorm.All(char.IsAsciiDigit))
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 5, $"'{rxNorm}' is not an RxNorm code (RXCUI, digits only)."));
            return;
        }

        var substance = new Substance(key, atc.Length > 0 ? atc : null, nameEn, NameNormalizer.Normalize(row.Cells[2]) is { Length: > 0 } nb ? nb : nameEn, synonyms)
        {
            RxNorm = rxNorm.Length > 0 ? rxNorm : null,
        };
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

        if (substance.RxNorm is not null && !byCode.TryAdd((CodeSystem.RxNorm, substance.RxNorm), match))
        {
            errors.Add(row.Error(InputIssueCodes.TableDuplicate, 5, $"RxNorm code '{substance.RxNorm}' already names another substance."));
        }

        foreach (var name in new[] { substance.NameEn, substance.NameNb }.Concat(synonyms).Distinct(StringComparer.Ordinal))
        {
            AddName(row, name, match, byName, errors, 2);
        }
    }

    private static void AddProduct(Row row, Dictionary<string, Substance> substances, List<Product> products, Dictionary<string, KnowledgeMatch> byName,
        Dictionary<(CodeSystem, string), KnowledgeMatch> byCode, List<InputError> errors)
    {
        var name = NameNormalizer.Normalize(row.Cells[0]);
        if (name.Length == 0)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 1, "name is empty."));
            return;
        }

        var members = new List<Substance>();
        var keys = SplitList(row.Cells[1]).ToArray();
        foreach (var key in keys)
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

        if (members.Count < keys.Length)
        {
            return;
        }

        if (members.Count == 0)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 2, "A product needs at least one substance."));
            return;
        }

        if (ParseStrengths(row, members, errors) is not { } strengths)
        {
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
        var product = new Product(name, ordered, atc.Length > 0 ? atc : null, EmptyToNull(row.Cells[3]), EmptyToNull(row.Cells[4]), codes) { Strengths = strengths };
        var match = new KnowledgeMatch(ordered, product);
        products.Add(product);
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

    /// <summary>
    /// The <c>strengths</c> cell: <c>;</c>-separated strengths, each the <c>+</c>-separated amounts of the substances in the
    /// order of the <c>substances</c> column (<c>50 mg + 12.5 mg;100 mg + 25 mg</c>); <see langword="null"/> when it is invalid.
    /// </summary>
    private static List<ProductStrength>? ParseStrengths(Row row, List<Substance> members, List<InputError> errors)
    {
        var strengths = new List<ProductStrength>();
        foreach (var strength in SplitList(row.Cells[6]))
        {
            var amounts = strength.Split('+', StringSplitOptions.TrimEntries);
            if (amounts.Length != members.Count)
            {
                errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 7, $"The strength '{strength}' has {amounts.Length} amounts for {members.Count} substances."));
                return null;
            }

            var components = new List<ComponentStrength>();
            foreach (var (amount, substance) in amounts.Zip(members))
            {
                if (!Quantity.TryParse(amount, out var quantity) || quantity!.Unit.Dimension == Dimension.Count)
                {
                    errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 7, $"'{amount}' is not an amount with a unit of mass, units, concentration, percent or rate."));
                    return null;
                }

                components.Add(new ComponentStrength(substance, quantity));
            }

            strengths.Add(new ProductStrength(components));
        }

        return strengths;
    }

    private static void AddMaker(Row row, HashSet<string> makers, Dictionary<string, KnowledgeMatch> byName, List<InputError> errors)
    {
        var maker = NameNormalizer.Normalize(row.Cells[0]);
        if (maker.Length == 0 || NameNormalizer.Words(maker).Length > MaxMakerWords)
        {
            errors.Add(row.Error(InputIssueCodes.TableInvalidValue, 1, $"A maker's name has 1 to {MaxMakerWords} words."));
        }
        else if (byName.TryGetValue(maker, out var named))
        {
            errors.Add(row.Error(InputIssueCodes.TableDuplicate, 1, $"The maker '{maker}' is also the name of {string.Join(" + ", named.Substances.Select(s => s.NameEn))}."));
        }
        else
        {
            makers.Add(maker);
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

    /// <summary>
    /// Finds what an exact normalized name names: a substance, synonym or product, or a generic by its maker: a substance's
    /// exact name (salt words allowed) followed by the name of a maker in <c>makers.txt</c> ("atorvastatin sandoz").
    /// </summary>
    /// <param name="normalizedName">The name, normalized.</param>
    /// <returns>The match, or <see langword="null"/> when no name is exactly this.</returns>
    public KnowledgeMatch? FindByName(string normalizedName)
    {
        ArgumentNullException.ThrowIfNull(normalizedName);
        return _byName.GetValueOrDefault(normalizedName) ?? FindGenericByMaker(NameNormalizer.Words(normalizedName));
    }

    /// <summary>A substance named before a maker's name: the last one to three words are a maker, the words before them a substance.</summary>
    private KnowledgeMatch? FindGenericByMaker(string[] words)
    {
        for (var makerWords = 1; makerWords <= MaxMakerWords && makerWords < words.Length; makerWords++)
        {
            if (!_makers.Contains(string.Join(' ', words[^makerWords..])))
            {
                continue;
            }

            var substance = words[..^makerWords];
            var match = _byName.GetValueOrDefault(string.Join(' ', substance))
                ?? _byName.GetValueOrDefault(string.Join(' ', substance.Where(w => !_salts.Contains(w))));
            if (match is { Product: null })
            {
                return match;
            }
        }

        return null;
    }

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
