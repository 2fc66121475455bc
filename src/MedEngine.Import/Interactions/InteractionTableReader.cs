using MedEngine.Knowledge;

namespace MedEngine.Import.Interactions;

/// <summary>
/// Reads an interaction table (<c>docs/interaction-table.md</c>): UTF-8, tab-separated, <c>#</c> comment lines, the header
/// <c>a b severity consequence mechanism handling evidence reference source</c>. Cells are trimmed; a <c>name:</c> side is
/// normalized. Every bad row is reported with file, line and column.
/// </summary>
public static class InteractionTableReader
{
    /// <summary>Reads a table file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="InputException">The header or a row is malformed; every problem is listed.</exception>
    public static IReadOnlyList<InteractionRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a table from a reader.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The name used in errors.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="InputException">The header or a row is malformed; every problem is listed.</exception>
    public static IReadOnlyList<InteractionRow> Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        var rows = new List<InteractionRow>();
        var errors = new List<InputError>();
        var headerSeen = false;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (!headerSeen)
            {
                headerSeen = true;
                if (!cells.Select(c => c.Trim()).SequenceEqual(InteractionTable.Columns))
                {
                    throw new InputException(Error(file, lineNumber, 1, "The header must be the columns " + string.Join(", ", InteractionTable.Columns) + " separated by tabs."));
                }

                continue;
            }

            if (cells.Length != InteractionTable.Columns.Length)
            {
                errors.Add(Error(file, lineNumber, 1, $"Expected {InteractionTable.Columns.Length} tab-separated columns, found {cells.Length}."));
                continue;
            }

            if (ParseRow(cells, file, lineNumber, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (!headerSeen)
        {
            errors.Add(new InputError(file, "The table has no header."));
        }

        return errors.Count > 0 ? throw new InputException(errors) : rows;
    }

    private static InteractionRow? ParseRow(string[] cells, string file, int line, List<InputError> errors)
    {
        var count = errors.Count;
        var trimmed = cells.Select(c => c.Trim()).ToArray();
        var a = Side(trimmed[0], file, line, Column(cells, 0), errors);
        var b = Side(trimmed[1], file, line, Column(cells, 1), errors);
        if (a is not null && a == b)
        {
            errors.Add(Error(file, line, Column(cells, 1), $"Both sides are '{a}'."));
        }

        if (!InteractionSeverity.All.Contains(trimmed[2]))
        {
            errors.Add(Error(file, line, Column(cells, 2), $"'{trimmed[2]}' is not a severity ({string.Join(", ", InteractionSeverity.All)})."));
        }

        if (trimmed[3].Length == 0)
        {
            errors.Add(Error(file, line, Column(cells, 3), "consequence is empty."));
        }

        if (trimmed[6] is not ("" or "1" or "2" or "3" or "4"))
        {
            errors.Add(Error(file, line, Column(cells, 6), $"'{trimmed[6]}' is not an evidence level (1 to 4, or empty)."));
        }

        return errors.Count > count ? null : new InteractionRow(a!, b!, trimmed[2], trimmed[3], trimmed[4], trimmed[5], trimmed[6], trimmed[7], trimmed[8]);
    }

    private static string? Side(string text, string file, int line, int column, List<InputError> errors)
    {
        if (text.StartsWith("name:", StringComparison.Ordinal))
        {
            var name = NameNormalizer.Normalize(text[5..]);
            if (name.Length > 0)
            {
                return "name:" + name;
            }
        }
        else if (AtcCode.IsValid(text) || (text.EndsWith('*') && text.Length > 1 && AtcCode.IsValid(text[..^1]) && !AtcCode.IsSubstanceLevel(text[..^1])))
        {
            return text;
        }

        errors.Add(Error(file, line, column, $"'{text}' is not an ATC code, an ATC prefix ending in * or name: and a substance name."));
        return null;
    }

    private static int Column(string[] cells, int index) => 1 + cells.Take(index).Sum(c => c.Length + 1);

    private static InputError Error(string file, int line, int column, string message) => new(file, message) { Line = line, Column = column };
}
