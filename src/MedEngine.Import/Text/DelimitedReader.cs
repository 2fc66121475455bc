using System.Text;

namespace MedEngine.Import.Text;

/// <summary>
/// Reads comma-, tab- or otherwise delimited text (RFC 4180 quoting when asked: a quoted field may hold the delimiter, doubled
/// quotes and line breaks). Any of CR LF, LF and CR ends a record; a byte order mark is dropped; empty lines are skipped.
/// </summary>
internal static class DelimitedReader
{
    public static IEnumerable<DelimitedRecord> Read(string path, char delimiter, bool quoted)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var record in Read(reader, delimiter, quoted))
        {
            yield return record;
        }
    }

    public static IEnumerable<DelimitedRecord> Read(TextReader reader, char delimiter, bool quoted)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var inQuotes = false;
        var fieldStarted = false;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (quoted && c == '"' && field.Length == 0 && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (fields.Count > 0 || field.Length > 0 || fieldStarted)
                {
                    fields.Add(field.ToString());
                    yield return new DelimitedRecord(start, fields.ToArray());
                }

                fields.Clear();
                field.Clear();
                fieldStarted = false;
                line++;
                start = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (fields.Count > 0 || field.Length > 0 || fieldStarted)
        {
            fields.Add(field.ToString());
            yield return new DelimitedRecord(start, fields.ToArray());
        }
    }
}
