using System.Collections.Concurrent;

namespace MedEngine.Rules;

/// <summary>
/// The codes of a line with every prefix of its ATC codes (<c>N02BE01</c>, <c>N02BE0</c>... <c>N</c>), for selectors such
/// as <c>N02B*</c>. The sets are shared: lines with the same codes, in any patient, hold the same immutable set, as codes
/// come from the knowledge base and are few.
/// </summary>
internal static class CodePrefixes
{
    private static readonly ConcurrentDictionary<string, HashSet<string>> Shared = new(StringComparer.Ordinal);

    /// <summary>The shared set for these codes (never changed by its holders).</summary>
    public static HashSet<string> Of(IReadOnlyList<string> codes) =>
        Shared.GetOrAdd(string.Join('\n', codes), _ => codes.SelectMany(c => c.Contains(':', StringComparison.Ordinal) ? [c] : Enumerable.Range(1, c.Length).Select(n => c[..n]))
            .ToHashSet(StringComparer.Ordinal));
}
