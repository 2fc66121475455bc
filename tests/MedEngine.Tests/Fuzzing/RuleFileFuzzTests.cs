using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Rules;
using Xunit;

namespace MedEngine.Tests.Fuzzing;

/// <summary>
/// Mutated shipped rule files into the rule-file parser: every case gives rules or coded errors, never an exception (and
/// never a stack overflow, which no catch could stop).
/// </summary>
public sealed class RuleFileFuzzTests
{
    private static readonly (string Path, string Text)[] Files = Directory.GetFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(path => (path, File.ReadAllText(path))).ToArray();

    private static readonly string[] Inserts =
    [
        "[", "]", "{", "}", ":", ",", "- ", "&a ", "*a", "!!binary ", "|", ">", "'", "\"", "\t", "\n", " ", "~", "99999999999999999999",
        "-1", "1.5", "1e400", "\\ud800", "\u0000", "\uFEFF", new string('[', 5_000), "<<: *a\n", "? ", "%YAML 1.1\n", "--- ", "...\n",
    ];

    /// <summary>One to three mutations of a text: truncation, a character replaced, something inserted, a line repeated.</summary>
    internal static string Mutate(string text, int seed)
    {
        var random = new Random(seed);
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            text = random.Next(4) switch
            {
                0 => text[..at],
                1 when text.Length > 0 => text[..Math.Min(at, text.Length - 1)] + Inserts[random.Next(Inserts.Length)] + text[(Math.Min(at, text.Length - 1) + 1)..],
                2 => text[..at] + Inserts[random.Next(Inserts.Length)] + text[at..],
                _ => RepeatLine(text, random),
            };
        }

        return text;
    }

    private static string RepeatLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        lines.Insert(i, lines[i]);
        return string.Join('\n', lines);
    }

    [Property(MaxTest = 1000)]
    public Property AMutatedRuleFile_GivesRulesOrCodedErrors_NeverAnException() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (path, original) = Files[seed % Files.Length];
            var text = Mutate(original, seed);
            var errors = new List<InputError>();
            var rules = new RuleFileParser(TestKnowledge.Shipped, path, errors).Parse(text);
            Assert.True(rules.Count > 0 || errors.Count > 0 || string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#'), $"Seed {seed}: no rule and no error.");
            Assert.All(errors, e => Assert.Matches("^IN[23][0-9][0-9]$", e.Code));
        });
}
