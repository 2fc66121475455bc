using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Knowledge;
using MedEngine.Rules;
using Xunit;

namespace MedEngine.Tests.Fuzzing;

/// <summary>
/// Mutated tab-separated tables (the shipped knowledge base and interaction table): each is read or refused with coded
/// errors (an <see cref="InputException"/>), never another exception.
/// </summary>
public sealed class TableFuzzTests
{
    private static readonly string Knowledge = Path.Combine(RepositoryPaths.Root, "data", "knowledge");
    private static readonly string[] KnowledgeFiles = ["substances.tsv", "salts.txt", "makers.txt", "products.tsv"];
    private static readonly string InteractionTableText = File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tables", "medengine-interactions.tsv"));
    private static readonly string[] Inserts = ["\t", "\n", "\r", "\t\t", "|", ";", ",", " ", "", "\u0000", "\uFEFF", "\uFFFD", "99999999999999999999999999999", "-1", "ZZ99ZZ99", new string('x', 5000), "#"];

    /// <summary>One to three mutations of a table: truncation, a character replaced, something inserted, a line repeated or removed.</summary>
    private static string Mutate(string text, int seed)
    {
        var random = new Random(seed);
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            var lines = text.Split('\n').ToList();
            var line = random.Next(lines.Count);
            text = random.Next(5) switch
            {
                0 => text[..at],
                1 when text.Length > 0 => text[..Math.Min(at, text.Length - 1)] + Inserts[random.Next(Inserts.Length)] + text[(Math.Min(at, text.Length - 1) + 1)..],
                2 => text[..at] + Inserts[random.Next(Inserts.Length)] + text[at..],
                3 => string.Join('\n', lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1))),
                _ => string.Join('\n', lines.Where((_, i) => i != line)),
            };
        }

        return text;
    }

    [Property(MaxTest = 1000)]
    public Property AMutatedInteractionTable_IsReadOrRefusedWithCodes() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            try
            {
                InteractionTable.Read(new StringReader(Mutate(InteractionTableText, seed)), "fuzz.tsv");
            }
            catch (InputException e)
            {
                Assert.All(e.Errors, error => Assert.Matches("^IN2[0-9][0-9]$", error.Code));
            }
        });

    [Property(MaxTest = 200)]
    public Property AMutatedKnowledgeBase_IsLoadedOrRefusedWithCodes() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var folder = Directory.CreateTempSubdirectory("medengine-kb-fuzz-").FullName;
            try
            {
                var mutated = KnowledgeFiles[seed % KnowledgeFiles.Length];
                foreach (var file in KnowledgeFiles)
                {
                    var text = File.ReadAllText(Path.Combine(Knowledge, file));
                    File.WriteAllText(Path.Combine(folder, file), file == mutated ? Mutate(text, seed) : text);
                }

                FileKnowledgeBase.Load(folder);
            }
            catch (InputException e)
            {
                Assert.All(e.Errors, error => Assert.Matches("^IN2[0-9][0-9]$", error.Code));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
}
