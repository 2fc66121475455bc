using System.Globalization;

namespace MedEngine.Rules;

/// <summary>Checks a line's dose against the first band of a dose-limit rule that applies to the patient and the list.</summary>
internal static class DoseCheck
{
    /// <summary>
    /// The first band that applies to a line: its patient, lab and medication conditions hold, the last met by a line other
    /// than this one; <see langword="null"/> when none applies.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="line">The dosed line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="others">Lines a band's medication may select (the dosed line among them does not count).</param>
    /// <returns>The band, and the other lines that meet its medication condition (none without one).</returns>
    public static (DoseBand Band, IReadOnlyList<MedicationFact> With)? Band(DoseLimitCondition rule, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others)
    {
        IReadOnlyList<MedicationFact> otherLines = others.Count == 0 ? others : others.Where(o => o.LineId != line.LineId).ToList();
        return rule.Bands.FirstOrDefault(b => b.When is null || b.When.Holds(patient, labs, otherLines)) is { } band
            ? (band, band.When?.With(otherLines) ?? [])
            : null;
    }

    /// <summary>What exceeds the limit, as readable values; <see langword="null"/> when within it or when nothing applies.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="line">The dosed line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="others">Lines a band's medication may select (the dosed line among them does not count).</param>
    public static IReadOnlyList<string>? Exceeded(DoseLimitCondition rule, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others)
    {
        if (Band(rule, line, patient, labs, others) is not var (band, with))
        {
            return null;
        }

        string? reason = null;
        string Why() => reason ??= band.When is null ? "" : $" ({band.When.Describe(patient, labs, with)})";
        List<string>? values = null;
        var daily = line.DoseToCheckMg;
        var kind = line.DailyDoseMg is null ? "maximum as needed" : "daily dose";
        if (daily is { } d && band.MaxDailyMg is { } max && d > max)
        {
            (values ??= []).Add($"{kind} {Mg(d)} > {Mg(max)}{Why()}");
        }

        if (daily is { } dk && band.MaxDailyMgPerKg is { } perKg && patient.WeightKg is { } weight && dk > perKg * weight)
        {
            (values ??= []).Add($"{kind} {Mg(dk)} > {Mg(perKg)}/kg × {weight.ToString("0.#", CultureInfo.InvariantCulture)} kg = {Mg(perKg * weight)}{Why()}");
        }

        if (line.SingleDoseMg is { } single && band.MaxSingleMg is { } maxSingle && single > maxSingle)
        {
            (values ??= []).Add($"single dose {Mg(single)} > {Mg(maxSingle)}{Why()}");
        }

        if (line.TimesPerWeek is { } times && band.MaxTimesPerWeek is { } maxTimes && times > maxTimes)
        {
            (values ??= []).Add($"given {Times(times)} times a week > at most {Times(maxTimes)}{Why()}");
        }

        return values;
    }

    private static string Times(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Mg(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " mg";
}
