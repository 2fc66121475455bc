using System.CommandLine;
using System.Globalization;
using MedEngine.Findings;
using MedEngine.Import.Interactions;
using MedEngine.Model;
using MedEngine.Rules;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine coverage</c>: which pairs of the public interaction lists (ONC high-priority, Phansalkar 2012; the French
/// ANSM contraindications) the rules cover and at what severity, for the pairs whose substances are both in the knowledge
/// base (the substances used in Norway). The lists are read and their names mapped as <c>medengine import interactions</c>
/// does, by exact name and the knowledge base only; each pair becomes a list of the two drugs evaluated with the rules, and
/// it is covered when an interaction or duplicate-therapy finding names both drugs (a cumulative load that happens to count
/// both is not a rule about the pair). The ONC non-interruptive list (Phansalkar 2013) measures the other way: its
/// pairs should not interrupt, so those the rules raise at <c>caution</c> or above are named as over-alerts.
/// </summary>
internal static class CoverageCommand
{
    /// <summary>
    /// One list: which of its rows count, and the severity a rule must reach to meet the target; for a list of pairs that
    /// should not interrupt, the target is to stay below it.
    /// </summary>
    private sealed record ListSpec(string Title, InteractionListKind Kind, Func<InteractionRow, bool> Counts, Severity Target, bool ShouldInterrupt = true)
    {
        public bool Meets(Severity? severity) => ShouldInterrupt ? severity >= Target : !(severity >= Target);
    }

    private static readonly ListSpec Onc = new("ONC high-priority pairs (Phansalkar 2012)", InteractionListKind.OncHighPriority, _ => true, Severity.Caution);

    private static readonly ListSpec Ansm = new("ANSM contraindications (WorldVista translation)", InteractionListKind.Ansm, r => r.Severity == Severity.Contraindicated, Severity.Avoid);

    private static readonly ListSpec OncQuiet = new("ONC non-interruptive pairs (Phansalkar 2013)", InteractionListKind.OncNonInterruptive, _ => true, Severity.Caution, ShouldInterrupt: false);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var rules = CommandLine.Value("--rules", "DIR", "The rule files to measure (default: the shipped rules).");
        var onc = CommandLine.Value("--onc-high", "FILE", "The ONC high-priority list (ONC-High-Priority_ONC_High_Priority_Mapped.csv in pddi-public).");
        var ansm = CommandLine.Value("--ansm", "FILE", "The ANSM thesaurus as translated by WorldVista (World_Vista_AnnotatedForR01_worldvista-combined-r01-65.tsv in pddi-public).");
        var quiet = CommandLine.Value("--onc-non-interruptive", "FILE", "The ONC non-interruptive list (ONC-Non-Interuptive_ONC_Non_Interuptive_Mapped.csv in pddi-public): pairs that should not interrupt.");
        var command = new Command("coverage", "Which ONC high-priority pairs and ANSM contraindications between substances in the knowledge base the rules cover, at what severity, and the gaps; which ONC non-interruptive pairs they raise to an interruption.") { rules, onc, ansm, quiet };
        command.Validators.Add(result =>
        {
            if (result.GetResult(onc) is null && result.GetResult(ansm) is null && result.GetResult(quiet) is null)
            {
                result.AddError("Give --onc-high FILE, --ansm FILE, --onc-non-interruptive FILE or several.");
            }
        });
        command.SetAction(parsed =>
        {
            var lists = new[] { (Onc, parsed.GetValue(onc)), (Ansm, parsed.GetValue(ansm)), (OncQuiet, parsed.GetValue(quiet)) }.Where(l => l.Item2 is not null).Select(l => (l.Item1, l.Item2!)).ToList();
            return RunAsync(parsed.GetValue(rules) ?? RuleSet.ShippedDirectory, lists, output, error);
        });
        return command;
    }

    private static async Task<int> RunAsync(string rules, List<(ListSpec Spec, string File)> lists, TextWriter output, TextWriter error)
    {
        if (lists.FirstOrDefault(l => !File.Exists(l.File)) is { File: { } missing })
        {
            return await CommandLine.FailAsync(error, $"No such file: '{missing}'.").ConfigureAwait(false);
        }

        try
        {
            var runtime = new MedEngineBuilder().UseRulesDirectory(rules).Build();
            foreach (var (spec, file) in lists)
            {
                await ReportAsync(runtime, spec, file, output).ConfigureAwait(false);
            }

            return CommandLine.Success;
        }
        catch (InputException e)
        {
            foreach (var problem in e.Errors)
            {
                await error.WriteLineAsync("medengine: " + problem).ConfigureAwait(false);
            }

            return CommandLine.BadInput;
        }
    }

    private static async Task ReportAsync(MedEngineRuntime runtime, ListSpec spec, string file, TextWriter output)
    {
        var table = Path.Combine(Directory.CreateTempSubdirectory("medengine-coverage-").FullName, "pairs.tsv");
        IReadOnlyList<InteractionRow> rows;
        Import.ImportResult imported;
        try
        {
            imported = InteractionImporter.Import(spec.Kind, [file], table, runtime.Knowledge, atcIndex: null);
            rows = InteractionTable.Load(table).Rows;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(table)!, recursive: true);
        }

        var pairs = rows.Where(spec.Counts).Select(r => (r.A, r.B)).Distinct().ToList();
        var covered = pairs.Select(p => (Pair: p, Severity: Coverage(runtime, p.A, p.B))).ToList();
        string Count(Func<Severity?, bool> which) => string.Create(CultureInfo.InvariantCulture, $"{covered.Count(c => which(c.Severity))} of {pairs.Count}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Title}: {imported.Read} rows read, {pairs.Count} pairs of substances in the knowledge base; rows skipped: {string.Join(", ", imported.SkippedByReason.Select(s => $"{s.Value} {s.Key}"))}.")).ConfigureAwait(false);
        await output.WriteLineAsync($"  covered: {Count(s => s is not null)} ({string.Join(", ", Enum.GetValues<Severity>().OrderDescending().Select(v => $"{Severities.ToName(v)} {covered.Count(c => c.Severity == v)}"))})").ConfigureAwait(false);
        await output.WriteLineAsync(spec.ShouldInterrupt
            ? $"  covered at {Severities.ToName(spec.Target)} or above (the target): {Count(spec.Meets)}"
            : $"  below {Severities.ToName(spec.Target)} (the target: they should not interrupt): {Count(spec.Meets)}").ConfigureAwait(false);
        foreach (var (pair, severity) in covered.Where(c => !spec.Meets(c.Severity)).OrderBy(c => Name(runtime, c.Pair.A), StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {(spec.ShouldInterrupt ? "gap" : "over-alert")}: {Name(runtime, pair.A)} ({pair.A}) + {Name(runtime, pair.B)} ({pair.B}): {(severity is { } s ? Severities.ToName(s) : "not covered")}").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>The severity of the most severe interaction or duplicate-therapy finding that names both drugs of a list holding just the two, or <see langword="null"/>.</summary>
    private static Severity? Coverage(MedEngineRuntime runtime, string a, string b)
    {
        var list = new SourceList(new MedicationSource("coverage", SourceKind.GeneralPractitioner, runtime.Time.GetUtcNow()), [Entry(runtime, "a", a), Entry(runtime, "b", b)]);
        var findings = runtime.Evaluate([list]).Findings.Where(f => f.Category is FindingCategory.Interaction or FindingCategory.DuplicateTherapy && f.Entries.Any(e => e.EntryId == "a") && f.Entries.Any(e => e.EntryId == "b")).ToList();
        return findings.Count == 0 ? null : findings.Max(f => f.Severity);
    }

    /// <summary>An active entry of a substance: by its ATC code, or by its name when it has none (<c>name:</c> sides).</summary>
    private static MedicationEntry Entry(MedEngineRuntime runtime, string id, string side) => side.StartsWith("name:", StringComparison.Ordinal)
        ? new MedicationEntry { EntryId = id, Name = side["name:".Length..], Status = EntryStatus.Active }
        : new MedicationEntry { EntryId = id, Name = Name(runtime, side), Codings = [new MedicationCoding(CodeSystem.Atc, side)], Status = EntryStatus.Active };

    private static string Name(MedEngineRuntime runtime, string side) => side.StartsWith("name:", StringComparison.Ordinal)
        ? side["name:".Length..]
        : runtime.Knowledge.FindByCode(CodeSystem.Atc, side)?.Substances.FirstOrDefault()?.NameEn ?? side;
}
