using System.Globalization;

namespace MedEngine.Rules;

/// <summary>Checks a line's dose against the first band of a dose-limit rule that applies to the patient.</summary>
internal static class DoseCheck
{
    /// <summary>What exceeds the limit, as readable values; <see langword="null"/> when within it or when nothing applies.</summary>
    public static IReadOnlyList<string>? Exceeded(DoseLimitCondition rule, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs)
    {
        var band = rule.Bands.FirstOrDefault(b => b.When is null || b.When.Holds(patient, labs));
        if (band is null)
        {
            return null;
        }

        string? reason = null;
        string Why() => reason ??= band.When is null ? "" : $" ({band.When.Describe(patient, labs)})";
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
