using System.Text;
using MedEngine.Knowledge;
using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.Benchmarks;

/// <summary>Interaction tables of a given size: the pairs among the pool's substances first, then DDInter's (non-commercial, read from ../shared/data).</summary>
internal static class InteractionTables
{
    private const string Header = "a\tb\tseverity\tconsequence\tmechanism\thandling\tevidence\treference\tsource";

    /// <summary>The table as TSV text with <paramref name="pairs"/> rows.</summary>
    public static string Text(int pairs)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (a, b, severity) in Pairs().Take(pairs))
        {
            text.Append(a).Append('\t').Append(b).Append('\t').Append(severity).Append("\tConsequence\tMechanism\tHandling\t4\t\tbenchmark\n");
        }

        return text.ToString();
    }

    public static InteractionTable Load(int pairs) => InteractionTable.Read(new StringReader(Text(pairs)), $"table-{pairs}.tsv");

    public static ClinicalRule Rule(InteractionTable table) => new()
    {
        Id = "BENCH-TABLE",
        Version = 1,
        Kind = "interaction-table",
        Title = new LocalizedText("Interaksjon", "Interaction"),
        Message = new LocalizedText("", ""),
        Severity = Severity.Caution,
        Condition = new InteractionTableCondition(table, LineExceptions.None),
        File = table.File,
        Line = 1,
    };

    /// <summary>How many pairs concern the benchmark patient's substances; every table has these, so findings stay the same and only the table grows.</summary>
    public const int Relevant = 10;

    /// <summary>
    /// The pairs: <see cref="Relevant"/> pairs among the pool's substances first, then pairs that concern none of them:
    /// DDInter's (by knowledge-base key where the name resolves, else by <c>name:</c> key), then synthetic codes.
    /// </summary>
    public static IEnumerable<(string A, string B, string Severity)> Pairs()
    {
        var pool = Workload.PoolNames.Select(n => Workload.Knowledge.FindByName(NameNormalizer.Normalize(n.Split(' ')[0]))).OfType<KnowledgeMatch>()
            .SelectMany(m => m.Substances.Select(s => s.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        var severities = new[] { "info", "caution", "avoid", "contraindicated" };
        var relevant = pool.SelectMany(a => pool.Where(b => string.CompareOrdinal(a, b) < 0).Select(b => (a, b))).Where((_, i) => i % 7 == 0).Take(Relevant).ToList();
        foreach (var (pair, i) in relevant.Select((p, i) => (p, i)))
        {
            yield return (pair.a, pair.b, severities[i % 4]);
        }

        var seen = new HashSet<(string, string)>();
        foreach (var pair in DdInter().Where(p => !pool.Contains(p.A) && !pool.Contains(p.B) && seen.Add((p.A, p.B))))
        {
            yield return pair;
        }

        for (var i = 0; ; i++)
        {
            yield return ($"X{i % 100:00}XX{i / 100 % 100:00}", $"Y{i / 10000 % 100:00}YY{i % 100:00}", severities[i % 4]);
        }
    }

    /// <summary>DDInter's unique pairs, by knowledge-base key where the name resolves, else by <c>name:</c> key.</summary>
    private static IEnumerable<(string A, string B, string Severity)> DdInter()
    {
        var folder = Path.Combine(Workload.Root, "..", "shared", "data", "ddinter");
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length < 5)
                {
                    continue;
                }

                var a = Key(cells[1]);
                var b = Key(cells[3]);
                var severity = cells[^1] switch { "Major" => "avoid", "Moderate" => "caution", _ => "info" };
                yield return string.CompareOrdinal(a, b) < 0 ? (a, b, severity) : (b, a, severity);
            }
        }
    }

    private static string Key(string name)
    {
        var normalized = NameNormalizer.Normalize(name);
        return Workload.Knowledge.FindByName(normalized) is { Substances: [var single] } ? single.Key : "name:" + normalized;
    }
}
