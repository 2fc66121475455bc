using MedEngine.Import;
using MedEngine.Import.Atc;
using MedEngine.Import.Fest;
using MedEngine.Import.Interactions;
using MedEngine.Import.Names;
using MedEngine.Import.StoppStart;
using MedEngine.Knowledge;

namespace MedEngine.Cli;

/// <summary>The <c>medengine import</c> commands: knowledge and interaction tables from FEST, the ATC index, name lists and interaction lists; rule files from STOPP/START v2.</summary>
internal static class ImportCommand
{
    private const string Usage = """
        Usage:
          medengine import fest M30.xml --out DIR
              FEST M30 (2.5.1 or 3.5) into a knowledge base folder, interactions.tsv, not-assessed.tsv and dose-prn.tsv.
          medengine import atc ATC_DDD.csv [--norwegian ATC_NO_NAMES.csv] --out DIR
              The WHO ATC index into a knowledge base folder and ddd.tsv (non-commercial data: keep it out of the repository).
          medengine import names FILE... --knowledge DIR --out DIR
              DrugBank vocabulary synonyms and NHS, MedlinePlus or MeSH brands added to the knowledge base in DIR, by exact name.
          medengine import interactions KIND FILE... --out FILE [--knowledge DIR] [--atc ATC_DDD.csv] [--skipped FILE]
              An interaction list into an interaction table. KIND: onc-high, onc-non-interruptive, oscar, ansm, ddinter.
              A FILE that is a folder stands for its *.csv files. Names map to ATC by the knowledge base (default: the
              shipped one), then the ATC index.
          medengine import stoppstart STOPPSTART.xml --out DIR [--knowledge DIR]
              The STOPP/START v2 computable XML (Huibers et al., LGPL-3.0) into rule files, translation.tsv and
              LICENSE.md in DIR (data/stopp-start-v2). ATC codes are checked against the knowledge base (default: the
              shipped one); docs/stopp-start-v2.md has the mapping.
          Every import prints what it read, imported and skipped (by reason); docs/knowledge-import.md has the details.
        """;

    private static readonly Dictionary<string, InteractionListKind> Kinds = new(StringComparer.Ordinal)
    {
        ["onc-high"] = InteractionListKind.OncHighPriority,
        ["onc-non-interruptive"] = InteractionListKind.OncNonInterruptive,
        ["oscar"] = InteractionListKind.Oscar,
        ["ansm"] = InteractionListKind.Ansm,
        ["ddinter"] = InteractionListKind.DdInter,
    };

    /// <summary>Runs <c>medengine import ...</c> (the arguments after <c>import</c>).</summary>
    /// <returns>0 on success, 2 on bad usage or input.</returns>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var positional, out var options, out var problem))
        {
            return await FailAsync(error, problem).ConfigureAwait(false);
        }

        try
        {
            var result = Run(positional, options);
            if (result is null)
            {
                return await FailAsync(error, "Missing or unknown arguments.").ConfigureAwait(false);
            }

            await output.WriteAsync(result.Summary()).ConfigureAwait(false);
            return 0;
        }
        catch (InputException e)
        {
            foreach (var inputError in e.Errors)
            {
                await error.WriteLineAsync("medengine: " + inputError).ConfigureAwait(false);
            }

            return 2;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync("medengine: " + e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static ImportResult? Run(List<string> positional, Dictionary<string, string> options)
    {
        var command = positional.Count > 0 ? positional[0] : string.Empty;
        var files = positional.Skip(1).ToList();
        if (!options.TryGetValue("--out", out var output))
        {
            return null;
        }

        switch (command)
        {
            case "fest" when files.Count == 1 && options.Count == 1:
                return FestImporter.Import(Existing(files[0]), output);
            case "atc" when files.Count == 1 && options.Keys.All(k => k is "--out" or "--norwegian"):
                return AtcImporter.Import(Existing(files[0]), options.TryGetValue("--norwegian", out var norwegian) ? Existing(norwegian) : null, output);
            case "names" when files.Count > 0 && options.Count == 2 && options.TryGetValue("--knowledge", out var knowledge):
                return NameImporter.Import(files.Select(Existing).ToList(), knowledge, output);
            case "interactions" when files.Count > 1 && Kinds.TryGetValue(files[0], out var kind) && options.Keys.All(k => k is "--out" or "--knowledge" or "--atc" or "--skipped"):
                var knowledgeBase = options.TryGetValue("--knowledge", out var directory) ? FileKnowledgeBase.Load(directory) : FileKnowledgeBase.LoadShipped();
                var index = options.TryGetValue("--atc", out var atc) ? AtcIndex.Load(Existing(atc)) : null;
                var inputs = files.Skip(1).SelectMany(f => Directory.Exists(f) ? Directory.GetFiles(f, "*.csv").Order(StringComparer.Ordinal) : (IEnumerable<string>)[Existing(f)]).ToList();
                return InteractionImporter.Import(kind, inputs, output, knowledgeBase, index, options.GetValueOrDefault("--skipped"));
            case "stoppstart" when files.Count == 1 && options.Keys.All(k => k is "--out" or "--knowledge"):
                var rulesKnowledge = options.TryGetValue("--knowledge", out var rulesDirectory) ? FileKnowledgeBase.Load(rulesDirectory) : FileKnowledgeBase.LoadShipped();
                return StoppStartTranslator.Import(Existing(files[0]), output, rulesKnowledge);
            default:
                return null;
        }
    }

    private static string Existing(string file) =>
        File.Exists(file) ? file : throw new InputException(new InputError(InputIssueCodes.FileMissing, file, "The file does not exist."));

    private static bool TryParse(string[] args, out List<string> positional, out Dictionary<string, string> options, out string problem)
    {
        positional = [];
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
            }
            else if (i + 1 < args.Length && !options.ContainsKey(args[i]))
            {
                options[args[i]] = args[++i];
            }
            else
            {
                problem = $"Option '{args[i]}' needs one value, given once.";
                return false;
            }
        }

        return true;
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("medengine import: " + message).ConfigureAwait(false);
        await error.WriteLineAsync(Usage).ConfigureAwait(false);
        return 2;
    }
}
