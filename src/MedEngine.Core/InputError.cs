using System.Text;

namespace MedEngine;

/// <summary>One problem found in an input file, saying where and what.</summary>
/// <param name="Code">The stable code of the problem (<see cref="InputIssueCodes"/>, <c>docs/input-issues.md</c>).</param>
/// <param name="File">The file (or other input name).</param>
/// <param name="Message">What is wrong.</param>
public sealed record InputError(string Code, string File, string Message)
{
    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The entry (index and id) the problem is in, when known.</summary>
    public string? Entry { get; init; }

    /// <summary>The field the problem is in, when known.</summary>
    public string? Field { get; init; }

    /// <summary>How many characters of an input value a message quotes at most.</summary>
    public const int QuotedLength = 80;

    /// <summary>An input value as a message quotes it: cut to <see cref="QuotedLength"/> characters, saying how long it was.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value, or its start and its length.</returns>
    public static string Cut(string value) =>
        value.Length <= QuotedLength ? value
            : $"{value[..(char.IsHighSurrogate(value[QuotedLength - 1]) ? QuotedLength - 1 : QuotedLength)]}… ({value.Length} characters)";

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append(':').Append(line);
            if (Column is { } column)
            {
                text.Append(':').Append(column);
            }
        }

        if (Entry is not null)
        {
            text.Append(": entry ").Append(Entry);
        }

        if (Field is not null)
        {
            text.Append(": field '").Append(Field).Append('\'');
        }

        return text.Append(": ").Append(Code).Append(' ').Append(Message).ToString();
    }
}
