using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>A band of a dose limit: the first band whose condition holds gives the limits.</summary>
/// <param name="When">When the band applies (the patient, lab values, another line on the list); <see langword="null"/> for always.</param>
/// <param name="MaxDailyMg">The most per day in mg.</param>
/// <param name="MaxSingleMg">The most per administration in mg.</param>
/// <param name="MaxDailyMgPerKg">The most per day in mg per kg body weight.</param>
/// <param name="MaxTimesPerWeek">The most administrations per week (1 for a weekly drug such as low-dose methotrexate).</param>
internal sealed record DoseBand(RuleWhen? When, decimal? MaxDailyMg, decimal? MaxSingleMg, decimal? MaxDailyMgPerKg, decimal? MaxTimesPerWeek);

/// <summary>
/// Kind <c>dose-limit</c>: a dose above the limit of the first band that applies (by age, renal function, another medication
/// on the list...). A finding of a band on another medication also names the lines that met it.
/// </summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Bands">The bands, in order.</param>
internal sealed record DoseLimitCondition(DrugSelector Drug, IReadOnlyList<DoseBand> Bands) : RuleCondition, IOneLineCondition
{
    /// <summary>The kind in a rule file: <c>drug</c> and <c>limits</c>, a list of bands.</summary>
    public static RuleKind Kind { get; } = new("dose-limit", ["drug", "limits"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.HighDose;

    /// <summary>What selects the other lines the bands read: each band's <c>medication</c>.</summary>
    public IEnumerable<DrugSelector> Others => Bands.Select(b => b.When?.Medication).OfType<DrugSelector>();

    /// <inheritdoc />
    public bool Holds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) =>
        HasDose(line) && DoseCheck.Exceeded(this, line, patient, labs, others) is not null;

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(m => Drug.Matches(m) && HasDose(m));
        var others = Others.ToList();
        patterns.LabsLineAndPatient((all, m, p, o) => DoseCheck.Exceeded(this, m, p, all.ToList(), o.ToList()) is not null,
            others.Count == 0 ? null : line => others.Any(s => s.Matches(line)));
    }

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        DoseCheck.Exceeded(this, match.Medications[0], match.Patient!, match.Labs, match.OtherLines) ?? [];

    /// <summary>The dosed line, and the other lines that met the medication condition of the band that applies.</summary>
    public override IReadOnlyList<MedicationFact> Lines(RuleMatch match) =>
        match.OtherLines.Count > 0 && DoseCheck.Band(this, match.Medications[0], match.Patient!, match.Labs, match.OtherLines) is { With.Count: > 0 } band
            ? [match.Medications[0], .. band.With]
            : match.Medications;

    /// <summary>Whether a line has a dose or a frequency to check (an unknown dose is never guessed).</summary>
    private static bool HasDose(MedicationFact line) => line.DoseToCheckMg is not null || line.SingleDoseMg is not null || line.TimesPerWeek is not null;

    private static DoseLimitCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var yaml = syntax.Yaml;
        var drug = syntax.Selector(yaml.Get(map, "drug"), "'drug'", required: map);
        if (yaml.Get(map, "limits") is not YamlSequenceNode { Children.Count: > 0 } limits)
        {
            yaml.Error(InputIssueCodes.RuleRequired, yaml.Get(map, "limits") ?? map, "'limits' must list one or more bands: { when: ..., maxDaily: '4000 mg' }.");
            return null;
        }

        var bands = new List<DoseBand>();
        foreach (var node in limits)
        {
            if (yaml.Map(node, "A dose band") is not { } band)
            {
                continue;
            }

            yaml.CheckKeys(band, "a dose band", "when", "maxDaily", "maxSingle", "maxDailyPerKg", "maxTimesPerWeek");
            var when = yaml.Get(band, "when") is { } w ? syntax.When(w) : null;
            var daily = syntax.Milligrams(band, "maxDaily");
            var single = syntax.Milligrams(band, "maxSingle");
            var perKg = syntax.Milligrams(band, "maxDailyPerKg");
            var perWeek = yaml.Number(band, "maxTimesPerWeek");
            if (perWeek is <= 0)
            {
                yaml.Error(InputIssueCodes.RuleInvalidValue, yaml.Get(band, "maxTimesPerWeek")!, "'maxTimesPerWeek' must be above 0 (1 for once weekly).");
            }

            if (daily is null && single is null && perKg is null && perWeek is null)
            {
                yaml.Error(InputIssueCodes.RuleRequired, band, "A dose band needs maxDaily, maxSingle, maxDailyPerKg or maxTimesPerWeek.");
            }

            bands.Add(new DoseBand(when, daily, single, perKg, perWeek));
        }

        return drug is null ? null : new DoseLimitCondition(drug, bands);
    }
}
