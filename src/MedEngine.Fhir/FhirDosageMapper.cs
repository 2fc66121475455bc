using Hl7.Fhir.Model;
using MedEngine.Units;
using Quantity = MedEngine.Units.Quantity;

namespace MedEngine.Fhir;

/// <summary>What a FHIR <see cref="Dosage"/> says in MedEngine terms.</summary>
internal sealed record DosageFields(Quantity? Dose, decimal? TimesPerDay, bool AsNeeded, decimal? MaxTimesPerDay, string? Text, string? Route);

/// <summary>
/// Maps the first FHIR dosage of a resource. Dose from <c>doseAndRate[0].doseQuantity</c> (unit, then code; no unit → product unit);
/// times per day from <c>timing.repeat</c> (frequency per period in h, d or wk, only when no range is given), from
/// <c>when</c>/<c>timeOfDay</c> counts, or from the timing code (QD, BID, TID, QID); as needed from <c>asNeeded[x]</c>; max times per day
/// from <c>maxDosePerPeriod</c> when its numerator is a count.
/// </summary>
internal static class FhirDosageMapper
{
    private static readonly HashSet<string> CountUnits = new(StringComparer.OrdinalIgnoreCase) { "{count}", "{times}", "count", "times", "gang", "ganger", "1" };

    public static DosageFields Map(Dosage? dosage)
    {
        if (dosage is null)
        {
            return new DosageFields(null, null, false, null, null, null);
        }

        return new DosageFields(
            Dose(dosage.DoseAndRate.FirstOrDefault()?.Dose as Hl7.Fhir.Model.Quantity),
            TimesPerDay(dosage.Timing),
            dosage.AsNeeded is FhirBoolean { Value: true } or CodeableConcept,
            MaxTimesPerDay(dosage.MaxDosePerPeriod),
            string.IsNullOrWhiteSpace(dosage.Text) ? null : dosage.Text,
            FhirCodings.Text(dosage.Route));
    }

    internal static Quantity? Dose(Hl7.Fhir.Model.Quantity? dose)
    {
        if (dose?.Value is not { } value || value < 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(dose.Unit) && string.IsNullOrWhiteSpace(dose.Code))
        {
            return new Quantity(value, MeasureUnits.ProductUnit);
        }

        return MeasureUnits.TryParse(dose.Unit, out var unit) || MeasureUnits.TryParse(dose.Code?.Trim('{', '}'), out unit)
            ? new Quantity(value, unit)
            : null;
    }

    internal static decimal? TimesPerDay(Timing? timing)
    {
        if (timing is null)
        {
            return null;
        }

        var repeat = timing.Repeat;
        if (repeat is not null)
        {
            if (repeat.FrequencyMax is not null || repeat.PeriodMax is not null)
            {
                return null;
            }

            var unit = repeat.PeriodUnitElement?.JsonValue as string;
            if (repeat.Period is { } period && Plausible(period) && (repeat.Frequency ?? 1) <= MaxFrequency && unit is not null)
            {
                var frequency = repeat.Frequency ?? 1;
                decimal? perDay = unit switch
                {
                    "h" => frequency * 24m / period,
                    "d" => frequency / period,
                    "wk" => frequency / (7m * period),
                    _ => null,
                };
                return perDay is { } p ? decimal.Round(p, 6) : null;
            }

            var count = repeat.When.Count() + repeat.TimeOfDay.Count();
            if (repeat.Frequency is null && count > 0 && (unit is null or "d") && repeat.Period is null or 1m)
            {
                return count;
            }

            if (repeat.Frequency is not null || repeat.Period is not null)
            {
                return null;
            }
        }

        var code = timing.Code?.Coding.Select(c => c.Code).FirstOrDefault(c => c is not null);
        return code?.ToUpperInvariant() switch
        {
            "QD" => 1,
            "BID" => 2,
            "TID" => 3,
            "QID" => 4,
            _ => null,
        };
    }

    // The smallest and largest period (in its unit) and the largest frequency read: beyond them the frequency is unknown, never an overflow.
    private const decimal MinPeriod = 0.001m;

    private const decimal MaxPeriod = 100_000m;

    private const decimal MaxFrequency = 100_000m;

    private static bool Plausible(decimal period) => period is >= MinPeriod and <= MaxPeriod;

    internal static decimal? MaxTimesPerDay(Ratio? ratio)
    {
        if (ratio?.Numerator?.Value is not { } count || ratio.Denominator?.Value is not { } per || !Plausible(per) || Math.Abs(count) > MaxFrequency)
        {
            return null;
        }

        var numeratorUnit = ratio.Numerator.Code ?? ratio.Numerator.Unit;
        if (numeratorUnit is not null && !CountUnits.Contains(numeratorUnit))
        {
            return null;
        }

        decimal? days = (ratio.Denominator.Code ?? ratio.Denominator.Unit)?.ToLowerInvariant() switch
        {
            "h" or "hour" or "hours" or "time" or "timer" => per / 24m,
            "d" or "day" or "days" or "døgn" or "24h" => per,
            _ => null,
        };
        return days is { } d ? count / d : null;
    }
}
