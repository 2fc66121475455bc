using MedEngine.Findings;
using System.Collections.Frozen;

namespace MedEngine.Rules;

/// <summary>One row of an interaction table (<c>docs/interaction-table.md</c>).</summary>
/// <param name="A">One side: an ATC code, an ATC prefix ending in <c>*</c>, or a <c>name:</c> key.</param>
/// <param name="B">The other side.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Consequence">The clinical consequence in Norwegian (bokmål), or empty.</param>
/// <param name="Mechanism">The mechanism in Norwegian (bokmål), or empty.</param>
/// <param name="Handling">What to do, in Norwegian (bokmål), or empty.</param>
/// <param name="Evidence">The evidence level.</param>
/// <param name="Reference">References.</param>
/// <param name="Source">Where the row comes from.</param>
/// <param name="Line">The row's line in its file.</param>
public sealed record InteractionRow(string A, string B, Severity Severity, string Consequence, string Mechanism, string Handling, string Evidence, string Reference, string Source, int Line)
{
    /// <summary>Lines that do not count for this row, on either side (a topical NSAID for a systemic NSAID interaction).</summary>
    public LineExceptions Except { get; init; } = LineExceptions.None;

    /// <summary>The clinical consequence in English (the <c>consequence_en</c> column), or empty.</summary>
    public string ConsequenceEn { get; init; } = string.Empty;

    /// <summary>The mechanism in English (the <c>mechanism_en</c> column), or empty.</summary>
    public string MechanismEn { get; init; } = string.Empty;

    /// <summary>What to do, in English (the <c>handling_en</c> column), or empty.</summary>
    public string HandlingEn { get; init; } = string.Empty;
}

/// <summary>
/// An interaction table loaded into a hash index: looking up a pair of lines costs a few dictionary probes per substance,
/// whatever the size of the table. Immutable and thread-safe.
/// </summary>
public sealed class InteractionTable
{
    /// <summary>The columns of an interaction table file, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["a", "b", "severity", "consequence", "mechanism", "handling", "evidence", "reference", "source"];

    /// <summary>An optional column after <see cref="Columns"/>: the lines that do not count for the row (<see cref="LineExceptions"/>).</summary>
    public const string ExceptColumn = "except";

    /// <summary>
    /// The optional English columns after <see cref="Columns"/>, whose Norwegian texts are <c>consequence</c>, <c>mechanism</c>
    /// and <c>handling</c>: <c>consequence_en</c>, <c>mechanism_en</c>, <c>handling_en</c>.
    /// </summary>
    public static IReadOnlyList<string> EnglishColumns { get; } = ["consequence_en", "mechanism_en", "handling_en"];

    /// <summary>The columns a header may name after <see cref="Columns"/>, in any order, each once.</summary>
    private static readonly string[] OptionalColumns = [ExceptColumn, .. EnglishColumns];

    /// <summary>Exact side codes to the rows they are in and the other side.</summary>
    private readonly FrozenDictionary<string, (InteractionRow Row, string Other)[]> _byCode;

    /// <summary>Prefix sides (without their <c>*</c>) to the rows they are in and the other side.</summary>
    private readonly FrozenDictionary<string, (InteractionRow Row, string Other)[]> _byPrefix;

    private InteractionTable(string file, IReadOnlyList<InteractionRow> rows)
    {
        File = file;
        Rows = rows;
        var sides = rows.SelectMany(r => new[] { (Key: r.A, Entry: (r, r.B)), (Key: r.B, Entry: (r, r.A)) }).ToList();
        _byCode = Index(sides.Where(x => !x.Key.EndsWith('*')));
        _byPrefix = Index(sides.Where(x => x.Key.EndsWith('*')).Select(x => (Key: x.Key[..^1], x.Entry)));
    }

    /// <summary>The file the table was read from.</summary>
    public string File { get; }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<InteractionRow> Rows { get; }

    /// <summary>Reads a table file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The indexed table.</returns>
    /// <exception cref="InputException">The file is missing or has bad rows; every problem is listed with line and column.</exception>
    public static InteractionTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (text, error) = InputFiles.ReadText(path);
        return text is null ? throw new InputException(error!) : Read(new StringReader(text), path);
    }

    /// <summary>Reads a table from text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The name used in errors.</param>
    /// <returns>The indexed table.</returns>
    /// <exception cref="InputException">A row is bad; every problem is listed with line and column.</exception>
    public static InteractionTable Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<InputError>();
        var rows = new List<InteractionRow>();
        string[]? header = null;
        var exceptAt = -1;
        int[] englishAt = [];
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (header is null)
            {
                errors.AddRange(HeaderErrors(cells, file, number));
                if (errors.Count > 0)
                {
                    break;
                }

                header = [.. cells.Select(c => c.Trim())];
                exceptAt = Array.IndexOf(header, ExceptColumn);
                englishAt = [.. EnglishColumns.Select(c => Array.IndexOf(header, c))];
                continue;
            }

            if (cells.Length != header.Length)
            {
                errors.Add(new InputError(InputIssueCodes.TableColumns, file, $"Expected {header.Length} tab-separated columns, found {cells.Length}.") { Line = number, Column = 1 });
                continue;
            }

            if (!Severities.TryParse(cells[2], out var severity))
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, $"Unknown severity '{cells[2]}'; expected contraindicated, avoid, caution or info.") { Line = number, Column = ColumnOf(cells, 2) });
                continue;
            }

            if (string.IsNullOrWhiteSpace(cells[0]) || string.IsNullOrWhiteSpace(cells[1]))
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, "Both sides (a and b) are required.") { Line = number, Column = 1 });
                continue;
            }

            string English(int column) => englishAt[column] >= 0 ? cells[englishAt[column]].Trim() : string.Empty;
            string? problem = null;
            var except = exceptAt >= 0 ? LineExceptions.Parse(cells[exceptAt], out problem) : LineExceptions.None;
            if (except is null)
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, $"Column {ExceptColumn}: {problem}") { Line = number, Column = ColumnOf(cells, exceptAt) });
                continue;
            }

            rows.Add(new InteractionRow(cells[0].Trim(), cells[1].Trim(), severity, cells[3].Trim(), cells[4].Trim(), cells[5].Trim(), cells[6].Trim(), cells[7].Trim(), cells[8].Trim(), number)
            {
                Except = except,
                ConsequenceEn = English(0),
                MechanismEn = English(1),
                HandlingEn = English(2),
            });
        }

        if (header is null && errors.Count == 0)
        {
            errors.Add(new InputError(InputIssueCodes.TableHeader, file, "The table has no header row.") { Line = 1, Column = 1 });
        }

        return errors.Count > 0 ? throw new InputException(errors) : new InteractionTable(file, rows);
    }

    /// <summary>What is wrong with a header: each required column in its place, then only optional columns, each once.</summary>
    private static IEnumerable<InputError> HeaderErrors(string[] cells, string file, int number)
    {
        var format = $"The header is the columns {string.Join(", ", Columns)} in this order, then optionally {string.Join(", ", OptionalColumns)} in any order, separated by tabs.";
        InputError Error(string problem, int column) => new(InputIssueCodes.TableHeader, file, $"{problem} {format}") { Line = number, Column = column };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
        {
            var name = cells[i].Trim();
            if (i < Columns.Count && name != Columns[i])
            {
                yield return Error($"Column {i + 1} is '{name}' where '{Columns[i]}' is expected.", ColumnOf(cells, i));
                yield break;
            }

            if (!seen.Add(name))
            {
                yield return Error($"Column '{name}' is named twice.", ColumnOf(cells, i));
            }
            else if (i >= Columns.Count && !OptionalColumns.Contains(name))
            {
                yield return Error($"Unknown column '{name}'.", ColumnOf(cells, i));
            }
        }

        if (cells.Length < Columns.Count)
        {
            yield return Error($"The header has {cells.Length} of the {Columns.Count} required columns.", string.Join('\t', cells).Length + 1);
        }
    }

    /// <summary>The 1-based character column where a line's tab-separated cell starts.</summary>
    private static int ColumnOf(IReadOnlyList<string> cells, int index) => 1 + cells.Take(index).Sum(c => c.Length + 1);

    private static FrozenDictionary<string, (InteractionRow Row, string Other)[]> Index(IEnumerable<(string Key, (InteractionRow, string) Entry)> sides) =>
        sides.GroupBy(x => x.Key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Entry).ToArray(), StringComparer.Ordinal);

    /// <summary>Whether a side (a code, or a prefix ending in <c>*</c>) names one of a line's codes.</summary>
    private static bool Names(string side, MedicationFact line) =>
        side.EndsWith('*') ? line.CodesAndPrefixes.Contains(side[..^1]) : line.Codes.Contains(side, StringComparer.Ordinal);

    /// <summary>Whether any row names one of the line's codes (or a prefix of one) on either side.</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when the line can be part of a pair.</returns>
    public bool Involves(MedicationFact line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Codes.Any(_byCode.ContainsKey) || line.CodesAndPrefixes.Any(_byPrefix.ContainsKey);
    }

    /// <summary>The rows that pair a code of one line with a code of the other, leaving out rows whose exceptions name either line.</summary>
    /// <param name="first">The first line.</param>
    /// <param name="second">The second line.</param>
    /// <returns>The matching rows, each once, most severe first, then in file order.</returns>
    public IReadOnlyList<InteractionRow> Find(MedicationFact first, MedicationFact second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        List<InteractionRow>? found = null;
        void Collect(FrozenDictionary<string, (InteractionRow Row, string Other)[]> index, IEnumerable<string> keys)
        {
            foreach (var key in keys)
            {
                if (!index.TryGetValue(key, out var entries))
                {
                    continue;
                }

                foreach (var (row, other) in entries)
                {
                    if (Names(other, second) && !row.Except.Excludes(first) && !row.Except.Excludes(second) && !(found ??= []).Contains(row))
                    {
                        found.Add(row);
                    }
                }
            }
        }

        Collect(_byCode, first.Codes);
        Collect(_byPrefix, first.CodesAndPrefixes);

        if (found is { Count: > 1 })
        {
            found.Sort((a, b) => b.Severity != a.Severity ? b.Severity.CompareTo(a.Severity) : a.Line.CompareTo(b.Line));
        }

        return found is null ? [] : found;
    }
}
