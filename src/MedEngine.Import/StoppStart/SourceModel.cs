namespace MedEngine.Import.StoppStart;

/// <summary>One criterion of the STOPP/START v2 computable XML: its id (<c>STOPP B4</c>), English text and iterations.</summary>
internal sealed record SourceCriterion(string Id, string Description, IReadOnlyList<SourceIteration> Iterations, string Location)
{
    public bool IsStart => Id.StartsWith("START", StringComparison.OrdinalIgnoreCase);

    /// <summary>The part after STOPP or START (<c>B4</c>, <c>E3.1</c>, <c>M</c>).</summary>
    public string Code => Id.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [_, var code] ? code.Trim() : Id;
}

/// <summary>One iteration: conditions that must all hold, and the action (start or stop a medicine). Iterations are alternatives.</summary>
internal sealed record SourceIteration(int Priority, IReadOnlyList<SourceElement> Conditions, SourceElement Action, bool Start);

/// <summary>What an element is: a diagnosis (episode), a medicine or a measurement.</summary>
internal enum ElementKind
{
    Episode,
    Medicine,
    Measurement,
}

/// <summary>
/// An episode, medicine or measurement element with its codes and qualifiers. <see cref="Signature"/> is a canonical text
/// of everything in it, so that equal elements of different iterations compare equal.
/// </summary>
internal sealed record SourceElement(ElementKind Kind, bool Negative, IReadOnlyList<SourceCodes> Codes, IReadOnlyList<SourceQualifier> Qualifiers)
{
    public string Signature =>
        $"{Kind}|{Negative}|{string.Join(";", Codes.Select(c => c.Signature))}|{string.Join(";", Qualifiers.Select(q => q.Signature))}";

    /// <summary>The codes included (operator <c>=</c>).</summary>
    public IEnumerable<SourceCodes> Included => Codes.Where(c => c.Operator == "=");

    /// <summary>The codes excluded (operator <c>!=</c>).</summary>
    public IEnumerable<SourceCodes> Excluded => Codes.Where(c => c.Operator == "!=");

    /// <summary>The terminologies used (<c>icd10</c>, <c>atc</c>...).</summary>
    public IEnumerable<string> Terminologies => Codes.Select(c => c.Terminology).Distinct(StringComparer.Ordinal);
}

/// <summary>A terminology element: its name, operator and values (<c>regex</c> values are patterns, in practice prefixes).</summary>
internal sealed record SourceCodes(string Terminology, string Operator, IReadOnlyList<SourceValue> Values)
{
    public string Signature => $"{Terminology}{Operator}[{string.Join(",", Values.Select(v => v.Text + (v.Regex ? "~" : "")))}]";
}

/// <summary>One value: the text (trimmed) and whether it is a regular expression.</summary>
internal sealed record SourceValue(string Text, bool Regex);

/// <summary>
/// A qualifier of an element: <c>frequency</c>, <c>duration</c>, <c>dose</c>, <c>status</c> or <c>result</c>, with its
/// interval (Y/M/W/D) or unit, operator and values.
/// </summary>
internal sealed record SourceQualifier(string Name, string? Interval, string? Unit, string? Operator, IReadOnlyList<string> Values)
{
    public string Signature => $"{Name}({Interval},{Unit}){Operator}[{string.Join(",", Values)}]";
}
