using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MedEngine.Rules;

/// <summary>
/// The limits of a rule file, checked on YAML's event stream (which needs no recursion) before the file is loaded into nodes
/// (which does): no file larger than <see cref="MaxChars"/>, nested deeper than <see cref="MaxDepth"/>, or with an anchor or
/// alias (a rule file needs none, and an alias can make a node its own child).
/// </summary>
internal static class RuleFileLimits
{
    /// <summary>The most characters a rule file has (1 MiB).</summary>
    public const int MaxChars = 1 << 20;

    /// <summary>The deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 32;

    /// <summary>The first limit the text is beyond, as an error; <see langword="null"/> when within them.</summary>
    /// <exception cref="YamlException">The YAML is malformed (the caller reports it as a syntax error).</exception>
    public static InputError? Check(string text, string file)
    {
        if (text.Length > MaxChars)
        {
            return new InputError(InputIssueCodes.RuleFileLimit, file, $"The rule file has {text.Length} characters; at most {MaxChars} are read.");
        }

        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    return Error(file, alias, $"An alias (*{alias.Value}) is not allowed in rule files: write the value out.");
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    return Error(file, anchored, $"An anchor (&{anchored.Anchor}) is not allowed in rule files: write the value out.");
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return Error(file, parser.Current, $"Nested deeper than {MaxDepth} levels; a rule needs far fewer.");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static InputError Error(string file, ParsingEvent at, string message) =>
        new(InputIssueCodes.RuleFileLimit, file, message) { Line = (int)at.Start.Line, Column = (int)at.Start.Column };
}
