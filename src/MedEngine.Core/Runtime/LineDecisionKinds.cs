namespace MedEngine;

/// <summary>The names of the decision kinds as the formats and the command line write them: <c>accept</c>, <c>chooseEntry</c>, <c>change</c>, <c>stop</c>, <c>notTaken</c>.</summary>
public static class LineDecisionKinds
{
    private static readonly (LineDecisionKind Kind, string Name)[] Names =
        [(LineDecisionKind.Accept, "accept"), (LineDecisionKind.ChooseEntry, "chooseEntry"), (LineDecisionKind.Change, "change"), (LineDecisionKind.Stop, "stop"), (LineDecisionKind.NotTaken, "notTaken")];

    /// <summary>Every name, in order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The name of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string ToName(LineDecisionKind kind) => Array.Find(Names, n => n.Kind == kind).Name ?? kind.ToString();

    /// <summary>Reads a name (exactly as written).</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out LineDecisionKind kind)
    {
        var found = Array.FindIndex(Names, n => n.Name == name);
        kind = found < 0 ? default : Names[found].Kind;
        return found >= 0;
    }
}
