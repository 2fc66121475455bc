using System.Globalization;

namespace MedEngine.Rules;

/// <summary>A numeric comparison as written in a rule file: <c>&gt;= 65</c>, <c>&lt; 30</c>, <c>= 1</c>.</summary>
/// <param name="Operator">One of <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>=</c>.</param>
/// <param name="Value">The number compared with.</param>
internal sealed record Comparison(string Operator, decimal Value)
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">", "="];

    /// <summary>Whether a value satisfies the comparison.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool Holds(decimal value) => Operator switch
    {
        "<" => value < Value,
        "<=" => value <= Value,
        ">" => value > Value,
        ">=" => value >= Value,
        _ => value == Value,
    };

    /// <summary>Parses <c>&gt;= 65</c>; a bare number means equality.</summary>
    /// <param name="text">The text.</param>
    /// <param name="comparison">The comparison.</param>
    /// <returns><see langword="true"/> when it is one.</returns>
    public static bool TryParse(string? text, out Comparison? comparison)
    {
        comparison = null;
        var trimmed = text?.Trim() ?? "";
        var op = Array.Find(Operators, o => trimmed.StartsWith(o, StringComparison.Ordinal)) ?? "=";
        var number = trimmed[(trimmed.StartsWith(op, StringComparison.Ordinal) ? op.Length : 0)..].Trim();
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        comparison = new Comparison(op, value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Operator} {Value.ToString("0.##", CultureInfo.InvariantCulture)}";
}
