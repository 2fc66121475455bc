using MedEngine.Knowledge;
using MedEngine.Matching;
using MedEngine.Model;
using MedEngine.Normalization;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests.Matching;

/// <summary>The learned name matcher: it proposes and never merges, trains deterministically, and is the default only because it beats edit distance.</summary>
public sealed class LearnedMatcherTests(ITestOutputHelper output)
{
    private static readonly LearnedMatchProposer Shipped = LearnedMatchProposer.LoadShipped(TestKnowledge.Shipped);

    [Theory]
    [InlineData("Metforrmin", "A10BA02")]
    [InlineData("amoxicilline", "J01CA04")]
    [InlineData("paracetamolum", "N02BE01")]
    public void An_entry_with_a_proposal_stays_unresolved(string written, string meant)
    {
        var resolution = new MedicationResolver(TestKnowledge.Shipped, Shipped).Resolve(new MedicationEntry { EntryId = "p-1", Name = written });

        Assert.False(resolution.IsResolved);
        Assert.Empty(resolution.Substances);
        Assert.Null(resolution.Product);
        Assert.NotNull(resolution.UnresolvedReason);
        var first = resolution.PossibleMatches[0];
        Assert.Equal(meant, first.Substances.Single().Atc);
        Assert.InRange(first.Similarity, LearnedMatchProposer.Threshold, 1.0);
    }

    [Fact]
    public void A_runtime_with_the_learned_matcher_keeps_the_entry_unresolved_with_its_proposal()
    {
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseLearnedMatcher().Build();
        var list = new SourceList(new MedicationSource("pasient", SourceKind.PatientReported), [new MedicationEntry { EntryId = "p-1", Name = "Metforrmin" }]);

        var evaluation = runtime.Evaluate([list]);

        var unresolved = Assert.Single(evaluation.List.Unresolved);
        Assert.Equal("metformin", unresolved.Entry.Resolution.PossibleMatches[0].Name);
        Assert.DoesNotContain(evaluation.List.Lines, l => l.Substances.Any(s => s.Atc == "A10BA02"));
    }

    [Fact]
    public void Nothing_alike_gets_no_proposal()
    {
        Assert.Empty(Shipped.Propose("qqqqxz", 3));
    }

    [Fact]
    public void The_same_knowledge_base_trains_the_same_model()
    {
        var folder = SmallKnowledgeBase();
        var knowledge = FileKnowledgeBase.Load(folder);

        var (first, variants, pairs) = MatcherModel.Train(knowledge);
        var (second, _, _) = MatcherModel.Train(knowledge);
        var file = Path.Combine(folder, MatcherModel.FileName);
        first.Save(file);
        var loaded = MatcherModel.Load(file);

        Assert.True(variants > 0 && pairs > variants);
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Weights, loaded.Weights);
        Assert.Equal(
            new LearnedMatchProposer(knowledge, first).Propose("warfarine", 3),
            new LearnedMatchProposer(knowledge, loaded).Propose("warfarine", 3));
    }

    [Fact]
    public void A_missing_model_file_is_refused_with_its_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), MatcherModel.FileName);

        var error = Assert.Single(Assert.Throws<InputException>(() => MatcherModel.Load(missing)).Errors);

        Assert.Equal(missing, error.File);
        Assert.Contains("train-matcher", error.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("pddi-public", "drug-names", "medrec-herskovic")]
    public void The_learned_matcher_beats_edit_distance_on_held_out_real_variants()
    {
        var knowledge = TestKnowledge.Shipped;
        var variants = HeldOutVariants.Read(RepositoryPaths.SharedData(""), knowledge);

        var scores = MatcherEvaluation.Run(knowledge, variants, [("edit distance", new EditDistanceProposer(knowledge)), ("learned", Shipped)]);
        output.WriteLine(MatcherEvaluation.Table(scores));

        Assert.True(variants.Count > 1000, $"only {variants.Count} held-out variants");
        Assert.All(variants, v => Assert.Null(new MedicationResolver(knowledge).ResolveName(v.Written)));
        var edit = scores.Single(s => s is { Proposer: "edit distance", Source: "all" });
        var learned = scores.Single(s => s is { Proposer: "learned", Source: "all" });
        Assert.True(learned.Top3 > edit.Top3, $"the learned matcher is the default only while it beats edit distance on top-3: {learned.Top3:P1} against {edit.Top3:P1}");
    }

    private static string SmallKnowledgeBase()
    {
        var folder = Directory.CreateTempSubdirectory("medengine-matcher-").FullName;
        File.WriteAllText(Path.Combine(folder, "substances.tsv"),
            "atc\tname_en\tname_nb\tsynonyms\trxnorm\nB01AA03\twarfarin\twarfarin\t\t\nA10BA02\tmetformin\tmetformin\t\t\nC07AB02\tmetoprolol\tmetoprolol\t\t\nN02BE01\tparacetamol\tparacetamol\tacetaminophen\t\nC10AA05\tatorvastatin\tatorvastatin\t\t\n");
        File.WriteAllText(Path.Combine(folder, "salts.txt"), "natrium\n");
        File.WriteAllText(Path.Combine(folder, "makers.txt"), "sandoz\n");
        File.WriteAllText(Path.Combine(folder, "products.tsv"), "name\tsubstances\tatc\tform\troute\tcodes\tstrengths\nmarevan\tB01AA03\t\ttablett\toral\t\t\nlipitor\tC10AA05\t\ttablett\toral\t\t\n");
        return folder;
    }
}
