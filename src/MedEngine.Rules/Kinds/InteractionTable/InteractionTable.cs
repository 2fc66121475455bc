using MedEngine.Findings;
using System.Collections.Frozen;

namespace MedEngine.Rules;

/// <summary>One row of an interaction table (<c>docs/interaction-table.md</c>).</summary>
/// <param name="A">One side: an ATC code, an ATC prefix ending in <c>*</c>, or a <c>name:</c> key.</param>
/// <param name="B">The other side.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Consequence">The clinical consequence.</param>
/// <param name="Mechanism">The mechanism.</param>
/// <param name="Handling">What to do.</param>
/// <param name="Evidence">The evidence level.</param>
/// <param name="Reference">References.</param>
/// <param name="Source">Where the row comes from.</param>
/// <param name="Line">The row's line in its file.</param>
public sealed record InteractionRow(string A, string B, Severity Severity, string Consequence, string Mechanism, string Handling, string Evidence, string Reference, string Source, int Line)
{
    /// <summary>Lines that do not count for this row, on either side (a topical NSAID for a systemic NSAID interaction).</summary>
    public LineExceptions Except { get; init; } = LineExceptions.None;
}

/// <summary>
/// An interaction table loaded into a hash index: looking up a pair of lines costs a few dictionary probes per substance,
/// whatever the size of the table. Immutable and thread-safe.
/// </summary>
public sealed class InteractionTable
{
    /// <summary>The columns of an interaction table file, in order: its header, read here and written by the importers.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["a", "b", "severity", "consequence", "mechanism", "handling", "evidence", "reference", "source"];

    /// <summary>The optional last column after <see cref="Columns"/>: the lines that do not count for the row (<see cref="LineExceptions"/>).</summary>
    public const string ExceptColumn = "except";

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
        var header = false;
        var width = Columns.Count;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (!header)
            {
                header = true;
                var names = cells.Select(c => c.Trim()).ToList();
                if (!names.SequenceEqual(Columns) && !names.SequenceEqual(Columns.Append(ExceptColumn)))
                {
                    errors.Add(new InputError(InputIssueCodes.TableHeader, file, $"The header must be the columns {string.Join(", ", Columns)} (and optionally {ExceptColumn}) separated by tabs.") { Line = number, Column = 1 });
                    break;
                }

                width = names.Count;
                continue;
            }

            if (cells.Length != width)
            {
                errors.Add(new InputError(InputIssueCodes.TableColumns, file, $"Expected {width} tab-separated columns, found {cells.Length}.") { Line = number, Column = 1 });
                continue;
            }

            if (!Severities.TryParse(cells[2], out var severity))
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, $"Unknown severity '{cells[2]}'; expected contraindicated, avoid, caution or info.") { Line = number, Column = cells[0].Length + cells[1].Length + 3 });
                continue;
            }

            if (string.IsNullOrWhiteSpace(cells[0]) || string.IsNullOrWhiteSpace(cells[1]))
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, "Both sides (a and b) are required.") { Line = number, Column = 1 });
                continue;
            }

            string? problem = null;
            var except = width > Columns.Count ? LineExceptions.Parse(cells[^1], out problem) : LineExceptions.None;
            if (except is null)
            {
                errors.Add(new InputError(InputIssueCodes.TableInvalidValue, file, $"Column {ExceptColumn}: {problem}") { Line = number, Column = line.Length - cells[^1].Length + 1 });
                continue;
            }

            rows.Add(new InteractionRow(cells[0].Trim(), cells[1].Trim(), severity, cells[3].Trim(), cells[4].Trim(), cells[5].Trim(), cells[6].Trim(), cells[7].Trim(), cells[8].Trim(), number) { Except = except });
        }

        if (!header && errors.Count == 0)
        {
            errors.Add(new InputError(InputIssueCodes.TableHeader, file, "The table has no header row.") { Line = 1, Column = 1 });
        }

        return errors.Count > 0 ? throw new InputException(errors) : new InteractionTable(file, rows);
    }

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
