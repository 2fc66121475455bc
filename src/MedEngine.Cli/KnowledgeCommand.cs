using System.CommandLine;
using System.Globalization;
using MedEngine.Knowledge;
using MedEngine.Matching;

namespace MedEngine.Cli;

/// <summary>
/// The <c>medengine knowledge</c> commands: <c>train-matcher</c> trains the learned name matcher from a knowledge base (run it
/// again when the knowledge base changes), <c>evaluate-matcher</c> scores it against the edit-distance proposer on the held-out
/// real variants in <c>../shared/data</c> (docs/ml-matcher.md).
/// </summary>
internal static class KnowledgeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        Option<string> Knowledge() => CommandLine.Value("--knowledge", "DIR", "The knowledge base folder (default: data/knowledge, else the shipped one).");

        var trainKnowledge = Knowledge();
        var trainOut = CommandLine.Value("--out", "FILE", $"The model file to write (default: {MatcherModel.FileName} in the knowledge base folder).");
        var train = new Command("train-matcher", "Trains the name matcher from the knowledge base's names and generated variants, deterministically.") { trainKnowledge, trainOut };
        train.SetAction(parsed => CommandLine.RunWorkAsync(error, async () =>
        {
            var directory = KnowledgeDirectory(parsed.GetValue(trainKnowledge));
            var knowledge = FileKnowledgeBase.Load(directory);
            var (model, variants, pairs) = MatcherModel.Train(knowledge);
            var file = parsed.GetValue(trainOut) ?? Path.Combine(directory, MatcherModel.FileName);
            model.Save(file);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Trained the matcher on {knowledge.Names.Count} names, {variants} generated variants and {pairs} name pairs; wrote {file}.")).ConfigureAwait(false);
            foreach (var (feature, weight) in model.Weights)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {feature,-22} {weight,8:F3}")).ConfigureAwait(false);
            }
        }));

        var evaluateKnowledge = Knowledge();
        var model = CommandLine.Value("--model", "FILE", $"The model file (default: {MatcherModel.FileName} in the knowledge base folder).");
        var data = CommandLine.Value("--data", "DIR", "The shared data folder with the held-out lists (default: ../shared/data).");
        var evaluate = new Command("evaluate-matcher", "Scores the learned matcher and the edit-distance proposer on real variants held out from training: top-1, top-3, µs per entry, n.")
        {
            evaluateKnowledge, model, data,
        };
        evaluate.SetAction(parsed => CommandLine.RunWorkAsync(error, async () =>
        {
            var directory = KnowledgeDirectory(parsed.GetValue(evaluateKnowledge));
            var knowledge = FileKnowledgeBase.Load(directory);
            var learned = new LearnedMatchProposer(knowledge, MatcherModel.Load(parsed.GetValue(model) ?? Path.Combine(directory, MatcherModel.FileName)));
            var shared = parsed.GetValue(data) ?? Path.Combine("..", "shared", "data");
            var variants = HeldOutVariants.Read(shared, knowledge);
            var scores = MatcherEvaluation.Run(knowledge, variants, [("edit distance", new EditDistanceProposer(knowledge)), ("learned", learned)]);
            await output.WriteAsync(MatcherEvaluation.Table(scores)).ConfigureAwait(false);
        }));

        return new Command("knowledge", "The learned name matcher of a knowledge base: train it, evaluate it (docs/ml-matcher.md).") { train, evaluate };
    }

    /// <summary>The folder given, else the repository's data/knowledge when run from the repository root, else the shipped copy.</summary>
    private static string KnowledgeDirectory(string? given) =>
        given ?? (Directory.Exists(Path.Combine("data", "knowledge")) ? Path.Combine("data", "knowledge") : FileKnowledgeBase.ShippedDirectory);
}
