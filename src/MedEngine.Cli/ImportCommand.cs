using System.CommandLine;
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
    private static readonly Dictionary<string, InteractionListKind> Kinds = new(StringComparer.Ordinal)
    {
        ["onc-high"] = InteractionListKind.OncHighPriority,
        ["onc-non-interruptive"] = InteractionListKind.OncNonInterruptive,
        ["oscar"] = InteractionListKind.Oscar,
        ["ansm"] = InteractionListKind.Ansm,
        ["ddinter"] = InteractionListKind.DdInter,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        Option<string> Out(string what) => new("--out") { Description = what, HelpName = "DIR", Required = true };
        Option<string> Knowledge(string what) => CommandLine.Value("--knowledge", "DIR", what);
        Argument<string> File(string name, string what) => new(name) { Description = what };
        Argument<string[]> Files(string what) => CommandLine.Files("FILE", what, ArgumentArity.OneOrMore);

        var festFile = File("M30.xml", "FEST M30 (2.5.1 or 3.5).");
        var festOut = Out("The knowledge base folder to write (with interactions.tsv, not-assessed.tsv, dose-prn.tsv).");
        var fest = new Command("fest", "FEST M30 into a knowledge base folder, interactions.tsv, not-assessed.tsv and dose-prn.tsv.") { festFile, festOut };
        fest.SetAction(parsed => RunAsync(() => FestImporter.Import(Existing(parsed.GetValue(festFile)!), parsed.GetValue(festOut)!), output, error));

        var atcFile = File("ATC_DDD.csv", "The WHO ATC index (non-commercial data: keep it out of the repository).");
        var norwegian = CommandLine.Value("--norwegian", "ATC_NO_NAMES.csv", "Norwegian names of the ATC codes.");
        var atcOut = Out("The knowledge base folder to write (with ddd.tsv).");
        var atc = new Command("atc", "The WHO ATC index into a knowledge base folder and ddd.tsv.") { atcFile, norwegian, atcOut };
        atc.SetAction(parsed => RunAsync(() => AtcImporter.Import(Existing(parsed.GetValue(atcFile)!), parsed.GetValue(norwegian) is { } names ? Existing(names) : null, parsed.GetValue(atcOut)!), output, error));

        var nameFiles = Files("DrugBank vocabulary, NHS, MedlinePlus or MeSH lists.");
        var namesKnowledge = Knowledge("The knowledge base the names are added to.");
        namesKnowledge.Required = true;
        var namesOut = Out("The knowledge base folder to write.");
        var names = new Command("names", "Synonyms and brands added to a knowledge base, by exact name.") { nameFiles, namesKnowledge, namesOut };
        names.SetAction(parsed => RunAsync(() => NameImporter.Import(parsed.GetValue(nameFiles)!.Select(Existing).ToList(), parsed.GetValue(namesKnowledge)!, parsed.GetValue(namesOut)!), output, error));

        var kind = new Argument<string>("KIND") { Description = "The list: " + string.Join(", ", Kinds.Keys) + "." };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var lists = Files("The list's files; a folder stands for its *.csv files.");
        var tableOut = Out("The interaction table to write.");
        tableOut.HelpName = "FILE";
        var tableKnowledge = Knowledge("The knowledge base names map to ATC by (default: the shipped one).");
        var index = CommandLine.Value("--atc", "ATC_DDD.csv", "The ATC index, for names the knowledge base does not know.");
        var skipped = CommandLine.Value("--skipped", "FILE", "Where to write the rows that were skipped, with the reason.");
        var interactions = new Command("interactions", "An interaction list into an interaction table.") { kind, lists, tableOut, tableKnowledge, index, skipped };
        interactions.SetAction(parsed => RunAsync(() =>
        {
            var knowledgeBase = parsed.GetValue(tableKnowledge) is { } directory ? FileKnowledgeBase.Load(directory) : FileKnowledgeBase.LoadShipped();
            var atcIndex = parsed.GetValue(index) is { } atcPath ? AtcIndex.Load(Existing(atcPath)) : null;
            var inputs = parsed.GetValue(lists)!.SelectMany(f => Directory.Exists(f) ? Directory.GetFiles(f, "*.csv").Order(StringComparer.Ordinal) : (IEnumerable<string>)[Existing(f)]).ToList();
            return InteractionImporter.Import(Kinds[parsed.GetValue(kind)!], inputs, parsed.GetValue(tableOut)!, knowledgeBase, atcIndex, parsed.GetValue(skipped));
        }, output, error));

        var stoppFile = File("STOPPSTART.xml", "The STOPP/START v2 computable XML (Huibers et al., LGPL-3.0).");
        var stoppOut = Out("The folder of rule files to write, with translation.tsv and LICENSE.md (data/stopp-start-v2).");
        var stoppKnowledge = Knowledge("The knowledge base ATC codes are checked against (default: the shipped one).");
        var stopp = new Command("stoppstart", "STOPP/START v2 into rule files (docs/stopp-start-v2.md).") { stoppFile, stoppOut, stoppKnowledge };
        stopp.SetAction(parsed => RunAsync(() => StoppStartTranslator.Import(Existing(parsed.GetValue(stoppFile)!), parsed.GetValue(stoppOut)!,
            parsed.GetValue(stoppKnowledge) is { } directory ? FileKnowledgeBase.Load(directory) : FileKnowledgeBase.LoadShipped()), output, error));

        return new Command("import", "Real sources into knowledge base folders, interaction tables and rule files; each prints what it read, imported and skipped (docs/knowledge-import.md).")
        {
            fest, atc, names, interactions, stopp,
        };
    }

    private static Task<int> RunAsync(Func<ImportResult> import, TextWriter output, TextWriter error) =>
        CommandLine.RunWorkAsync(error, () => output.WriteAsync(import().Summary()));

    private static string Existing(string file) =>
        File.Exists(file) ? file : throw new InputException(new InputError(InputIssueCodes.FileMissing, file, "The file does not exist."));
}
