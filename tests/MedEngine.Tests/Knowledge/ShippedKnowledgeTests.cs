using System.Text.RegularExpressions;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Normalization;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests.Knowledge;

/// <summary>The knowledge base that ships (<c>data/knowledge</c>): its size, its consistency, and its facts checked against open references.</summary>
public sealed partial class ShippedKnowledgeTests(ITestOutputHelper output)
{
    private static readonly FileKnowledgeBase Knowledge = TestKnowledge.Shipped;
    /// <summary>Codes whose WHO name is its group's, not the substance's: every human insulin is "insulin (human)", told apart by its group (A10AC intermediate-acting).</summary>
    private static readonly HashSet<string> SameWhoNameAsItsGroup = new(StringComparer.Ordinal) { "A10AC01" };

    private static readonly MedicationSource Gp = new("gp", SourceKind.GeneralPractitioner);

    private static NormalizedEntry Normalize(string name) =>
        TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "1", Name = name });

    [Fact]
    public void It_covers_real_lists_at_least_1200_substances_and_3000_product_names()
    {
        var combinations = Knowledge.Products.Count(p => p.Substances.Count > 1);
        output.WriteLine($"substances {Knowledge.Substances.Count}, with RxNorm {Knowledge.Substances.Count(s => s.RxNorm is not null)}, products {Knowledge.Products.Count}, combinations {combinations}, makers {Knowledge.Makers.Count}");
        Assert.InRange(Knowledge.Substances.Count, 1200, int.MaxValue);
        Assert.InRange(Knowledge.Products.Count, 3000, int.MaxValue);
        Assert.InRange(Knowledge.Substances.Count(s => s.RxNorm is not null), 600, int.MaxValue);
    }

    [Fact]
    public void Every_product_names_substances_of_the_substance_table()
    {
        var substances = Knowledge.Substances.ToHashSet();
        Assert.All(Knowledge.Products, p => Assert.All(p.Substances, s => Assert.Contains(s, substances)));
    }

    [Fact]
    public void Every_combination_gives_each_component_its_strength_and_never_one_strength_for_the_whole()
    {
        var combinations = Knowledge.Products.Where(p => p.Substances.Count > 1).ToList();
        Assert.NotEmpty(combinations);
        Assert.All(combinations, p =>
        {
            Assert.NotEmpty(p.Strengths);
            Assert.All(p.Strengths, s => Assert.Equal(p.Substances.OrderBy(x => x.Key, StringComparer.Ordinal), s.Components.Select(c => c.Substance).OrderBy(x => x.Key, StringComparer.Ordinal)));
        });
    }

    [Theory]
    [InlineData("amlodipin", "C08CA01")]
    [InlineData("klorpromazin", "N05AA01")]
    [InlineData("fenoksymetylpenicillin", "J01CE02")]
    [InlineData("kvetiapin", "N05AH04")]
    [InlineData("levotyroksin", "H03AA01")]
    [InlineData("syklofosfamid", "L01AA01")]
    [InlineData("deksametason", "H02AB02")]
    [InlineData("metotreksat", "L04AX03")]
    public void Norwegian_names_resolve(string name, string atc) =>
        Assert.Equal(atc, Assert.Single(Knowledge.FindByName(NameNormalizer.Normalize(name))!.Substances).Atc);

    [Theory]
    [InlineData("Atorvastatin Sandoz 20 mg tablett", "C10AA05")]
    [InlineData("Amlodipin Orion 5 mg tablett", "C08CA01")]
    [InlineData("Metformin Teva 500 mg", "A10BA02")]
    [InlineData("Metoprolol suksinat Sandoz 50 mg depottablett", "C07AB02")]
    [InlineData("Oksykodon Abcur 5 mg kapsel", "N02AA05")]
    [InlineData("Escitalopram Medical Valley 10 mg", "N06AB10")]
    [InlineData("Paracetamol 1A Farma 500 mg", "N02BE01")]
    [InlineData("Zopiklon Vitabalans 5 mg", "N05CF01")]
    public void Generics_by_maker_resolve_by_exact_evidence(string name, string atc)
    {
        var entry = Normalize(name);
        Assert.Equal(ResolutionEvidence.ExactName, entry.Resolution.Evidence);
        Assert.Equal(atc, Assert.Single(entry.Resolution.Substances).Atc);
    }

    [Theory]
    [InlineData("Atorvastatinn Sandoz 20 mg tablett")]
    [InlineData("Atorvastatin Sandozz 20 mg tablett")]
    public void A_misspelt_generic_by_maker_is_not_resolved(string name) =>
        Assert.Empty(Normalize(name).Resolution.Substances);

    [Theory]
    [InlineData("Cozaar Comp 50 mg/12,5 mg tablett", "C09DA01", "C03AA03", "C09CA01")]
    [InlineData("Atacand Plus 16/12,5 mg", "C09DA06", "C03AA03", "C09CA06")]
    [InlineData("Symbicort Turbuhaler 160/4,5 mikrogram/dose inhalasjonspulver", "R03AK07", "R03AC13", "R03BA02")]
    [InlineData("Seretide Diskus 50/500", "R03AK06", "R03AC12", "R03BA05")]
    [InlineData("Paralgin forte 400 mg/30 mg tablett", "N02AJ06", "N02BE01", "R05DA04")]
    [InlineData("Targiniq 10 mg/5 mg depottablett", "N02AA55", "N02AA05", "V03AB15")]
    public void Combinations_resolve_to_their_components_and_no_single_strength(string name, string atc, string first, string second)
    {
        var entry = Normalize(name);
        Assert.Equal([first, second], entry.Resolution.Substances.Select(s => s.Atc));
        Assert.Equal(atc, entry.Resolution.Product!.Atc);
        Assert.Null(entry.DailyDose);
    }

    [Fact]
    public void Cozaar_Comp_gives_losartan_and_hydrochlorothiazide_their_strengths()
    {
        var strengths = Knowledge.FindByCode(CodeSystem.Atc, "C09DA01")!.Product!.Strengths;
        Assert.Contains(strengths, s => s.Components.Select(c => (c.Substance.NameEn, c.Amount.Value, c.Amount.Unit.Symbol)).SequenceEqual([("losartan", 50m, "mg"), ("hydrochlorothiazide", 12.5m, "mg")]));
        Assert.Contains(strengths, s => s.Components.Select(c => (c.Substance.NameEn, c.Amount.Value)).SequenceEqual([("losartan", 100m), ("hydrochlorothiazide", 25m)]));
    }

    [Theory]
    [InlineData("83367", "C10AA05")]
    [InlineData("11289", "B01AA03")]
    [InlineData("6809", "A10BA02")]
    [InlineData("7804", "N02AA05")]
    [InlineData("161", "N02BE01")]
    public void RxNorm_ingredient_codes_resolve(string rxcui, string atc)
    {
        var entry = TestKnowledge.Normalizer.Normalize(Gp, new MedicationEntry { EntryId = "1", Codings = [new MedicationCoding(CodeSystem.RxNorm, rxcui)] });
        Assert.Equal(ResolutionEvidence.ProductCode, entry.Resolution.Evidence);
        Assert.Equal(atc, Assert.Single(entry.Resolution.Substances).Atc);
    }

    /// <summary>Every ATC code of the knowledge base exists in the WHO index (level 5 for substances), and its WHO name is the substance's English name or a synonym.</summary>
    [SharedDataFact("atc")]
    public void Every_ATC_code_is_in_the_WHO_index_under_the_substance_s_name()
    {
        var who = File.ReadLines(RepositoryPaths.SharedData("atc", "who_atc_ddd_2026-04-25.csv")).Skip(1).Select(CodeAndName)
            .GroupBy(c => c.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.Name).ToList(), StringComparer.Ordinal);
        var combinations = File.ReadLines(RepositoryPaths.SharedData("atc", "who_atc_ddd_combinations_2026-04-25.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var substance in Knowledge.Substances.Where(s => s.Atc is not null))
        {
            if (!who.TryGetValue(substance.Atc!, out var names))
            {
                problems.Add($"{substance.Atc} {substance.NameEn}: not in the WHO index");
            }
            else if (!names.Any(n => Agrees(n, substance)) && !SameWhoNameAsItsGroup.Contains(substance.Atc!))
            {
                problems.Add($"{substance.Atc} {substance.NameEn}: the WHO index names it '{string.Join("', '", names)}'");
            }
        }

        problems.AddRange(Knowledge.Products.Where(p => p.Atc is not null && !who.ContainsKey(p.Atc) && !combinations.Contains(p.Atc))
            .Select(p => $"{p.Atc} of product {p.Name}: not in the WHO index"));
        output.WriteLine($"{Knowledge.Substances.Count(s => s.Atc is not null)} substance codes and {Knowledge.Products.Count(p => p.Atc is not null)} product codes checked");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The first two cells of a line of the WHO index: the code, and the name (quoted when it holds a comma).</summary>
    private static (string Code, string Name) CodeAndName(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        var rest = line[(comma + 1)..];
        var name = rest.StartsWith('"') ? rest[1..rest.IndexOf('"', 1)] : rest[..rest.IndexOf(',', StringComparison.Ordinal)];
        return (line[..comma], name);
    }

    /// <summary>The WHO name without its bracketed note and salt words is the English name or a synonym.</summary>
    private static bool Agrees(string whoName, Substance substance)
    {
        var name = NameNormalizer.Normalize(Bracketed().Replace(whoName, " "));
        var withoutSalts = string.Join(' ', NameNormalizer.Words(name).Where(w => !Knowledge.IsSalt(w)));
        var whole = NameNormalizer.Normalize(whoName);
        return new[] { substance.NameEn }.Concat(substance.Synonyms).Any(n => n == name || n == withoutSalts || n == whole);
    }

    /// <summary>Where the open RxNorm-coded lists name an ingredient code, they name the same substance.</summary>
    [SharedDataFact("cdc-opioid-cql", "pddi-public")]
    public void RxNorm_codes_agree_with_the_open_RxNorm_lists()
    {
        var named = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string code, string name)
        {
            named.TryAdd(code, []);
            named[code].Add(NameNormalizer.Normalize(name));
        }

        foreach (var cells in File.ReadLines(RepositoryPaths.SharedData("cdc-opioid-cql", "omtk_opioid_products.csv")).Skip(1).Select(l => l.Split(',')))
        {
            Add(cells[4], cells[5]);
        }

        foreach (var cells in File.ReadLines(RepositoryPaths.SharedData("pddi-public", "World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            Add(cells[2], cells[1]);
            Add(cells[4], cells[3]);
        }

        var checkedCodes = Knowledge.Substances.Where(s => s.RxNorm is not null && named.ContainsKey(s.RxNorm)).ToList();
        var disagreeing = checkedCodes.Where(s => !named[s.RxNorm!].Any(n => NamesTheSubstance(n, s)))
            .Select(s => $"{s.RxNorm} {s.NameEn}: the lists name it '{string.Join("', '", named[s.RxNorm!])}'").ToList();
        output.WriteLine($"{checkedCodes.Count} RxNorm codes checked");
        Assert.InRange(checkedCodes.Count, 40, int.MaxValue);
        Assert.True(disagreeing.Count == 0, string.Join(Environment.NewLine, disagreeing));
    }

    /// <summary>A list's ingredient name (<c>warfarin sodium</c>) names the substance when it is, or starts with, its English name or a synonym.</summary>
    private static bool NamesTheSubstance(string listed, Substance substance) =>
        new[] { substance.NameEn }.Concat(substance.Synonyms).Any(n => listed == n || listed.StartsWith(n + " ", StringComparison.Ordinal));

    [GeneratedRegex(@"\(.*?\)")]
    private static partial Regex Bracketed();
}
