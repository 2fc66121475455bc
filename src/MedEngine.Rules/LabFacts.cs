using System.Globalization;
using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>
/// Turns the patient's lab results into <see cref="LabFact"/>s in canonical units, and derives creatinine clearance with
/// Cockcroft-Gault when it is not given and creatinine, age, sex and weight are known, else takes the eGFR in its place.
/// </summary>
public static class LabFacts
{
    private static readonly Dictionary<string, string> TestsByLoinc = new(StringComparer.Ordinal)
    {
        ["33914-3"] = "egfr", ["48642-3"] = "egfr", ["48643-1"] = "egfr", ["62238-1"] = "egfr", ["98979-8"] = "egfr", ["69405-9"] = "egfr",
        ["2160-0"] = "creatinine", ["14682-9"] = "creatinine", ["38483-4"] = "creatinine",
        ["2164-2"] = "crcl", ["2823-3"] = "potassium", ["6298-4"] = "potassium", ["2951-2"] = "sodium", ["2947-0"] = "sodium",
        ["6301-6"] = "inr", ["34714-6"] = "inr",
    };

    private static readonly string[] Named = ["egfr", "crcl", "creatinine", "potassium", "sodium", "inr"];

    /// <summary>The name MedEngine gives the test a LOINC code measures (<c>egfr</c>, <c>creatinine</c>, ...), if it names one.</summary>
    /// <param name="loinc">The LOINC code, for example <c>33914-3</c>.</param>
    /// <returns>The test name, or null for a test MedEngine does not name (rules then refer to it as <c>loinc:CODE</c>).</returns>
    public static string? TestName(string loinc) => TestsByLoinc.GetValueOrDefault(loinc);

    /// <summary>The lab facts for a patient at a point in time: the newest value of each test with its dated series, plus derived creatinine clearance.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="now">The evaluation time, from the host's <see cref="TimeProvider"/>.</param>
    /// <returns>The facts, one per test.</returns>
    public static IReadOnlyList<LabFact> From(PatientFact patient, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var facts = patient.Context.Labs
            .Select(l => ToFact(l, now))
            .OfType<LabFact>()
            .GroupBy(f => f.Test, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(f => f.Effective ?? DateTimeOffset.MinValue).First() with
            {
                Series = g.Where(f => f.Effective is not null).OrderBy(f => f.Effective).ToList(),
            })
            .ToList();
        var creatinine = facts.Find(f => f.Test == "creatinine");
        if (facts.All(f => f.Test != "crcl") && (CockcroftGault(patient, creatinine) ?? EgfrInPlaceOfClearance(patient, creatinine, facts.Find(f => f.Test == "egfr"))) is { } crcl)
        {
            facts.Add(crcl);
        }

        return facts.OrderBy(f => f.Test, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Creatinine clearance by Cockcroft-Gault: (140 - age) × weight / (72 × creatinine in mg/dL), × 0.85 for women.
    /// </summary>
    /// <param name="patient">The patient (age, sex and weight needed).</param>
    /// <param name="creatinine">Serum creatinine in µmol/L.</param>
    /// <returns>The derived clearance in mL/min, or <see langword="null"/> when something needed is unknown.</returns>
    public static LabFact? CockcroftGault(PatientFact patient, LabFact? creatinine)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (creatinine is null || creatinine.Value < PlausibleCreatinine.Min || creatinine.Value > PlausibleCreatinine.Max
            || patient.Age is not { } age || patient.WeightKg is not { } weight
            || patient.Sex is not ("female" or "male"))
        {
            return null;
        }

        var mgPerDl = creatinine.Value / 88.4m;
        var clearance = (140 - age) * weight / (72 * mgPerDl) * (patient.Sex == "female" ? 0.85m : 1m);
        return new LabFact("crcl", Math.Round(clearance, 1), "mL/min", creatinine.Effective, creatinine.AgeDays, "Cockcroft-Gault from creatinine, age, sex and weight");
    }

    /// <summary>
    /// When creatinine clearance is neither measured nor computable, the eGFR stands in for it (as STOPP v3 uses eGFR), saying
    /// so and why: a renal rule written on clearance then still fires when the weight is unknown, as it often is.
    /// </summary>
    private static LabFact? EgfrInPlaceOfClearance(PatientFact patient, LabFact? creatinine, LabFact? egfr)
    {
        if (egfr is null)
        {
            return null;
        }

        string[] missing =
        [
            .. creatinine is null ? ["creatinine"] : creatinine.Value < PlausibleCreatinine.Min || creatinine.Value > PlausibleCreatinine.Max ? ["a plausible creatinine"] : Array.Empty<string>(),
            .. patient.Age is null ? ["age"] : Array.Empty<string>(),
            .. patient.Sex is not ("female" or "male") ? ["sex"] : Array.Empty<string>(),
            .. patient.WeightKg is null ? ["weight"] : Array.Empty<string>(),
        ];
        return egfr with { Test = "crcl", Derived = $"eGFR in place of creatinine clearance: Cockcroft-Gault needs {string.Join(", ", missing)}, not known" };
    }

    private static LabFact? ToFact(LabResult result, DateTimeOffset now)
    {
        if (result.Value is not { } value || Math.Abs(value) > PlausibleLabMagnitude)
        {
            return null;
        }

        var key = ClinicalCodes.Key(result.Code.System, result.Code.Code);
        var test = key.StartsWith("loinc:", StringComparison.Ordinal) && TestsByLoinc.TryGetValue(key[6..], out var byLoinc) ? byLoinc
            : Array.Find(Named, n => string.Equals(n, result.Code.Code, StringComparison.OrdinalIgnoreCase)) ?? key.ToLowerInvariant();
        var unit = result.Unit ?? "";
        if (test == "creatinine" && unit.Replace(" ", "", StringComparison.Ordinal).Equals("mg/dL", StringComparison.OrdinalIgnoreCase))
        {
            (value, unit) = (Math.Round(value * 88.4m, 1), "µmol/L");
        }

        var age = result.Effective is { } at ? (int?)Math.Floor((now - at).TotalDays) : null;
        return new LabFact(test, value, unit.Length > 0 ? unit : DefaultUnit(test), result.Effective, age);
    }

    private static string DefaultUnit(string test) => test switch
    {
        "egfr" => "mL/min/1.73m²",
        "crcl" => "mL/min",
        "creatinine" => "µmol/L",
        "potassium" or "sodium" => "mmol/L",
        _ => "",
    };

    /// <summary>The weights (kg) the rules use; a weight outside is unknown (docs/rule-files.md).</summary>
    internal static (decimal Min, decimal Max) PlausibleWeightKg { get; } = (0.3m, 500m);

    /// <summary>The largest lab value, of either sign, the rules use; a value beyond is unknown (docs/rule-files.md).</summary>
    internal const decimal PlausibleLabMagnitude = 1_000_000m;

    /// <summary>The creatinine (µmol/L) Cockcroft-Gault is computed from; beyond it the clearance is unknown (docs/rule-files.md).</summary>
    internal static (decimal Min, decimal Max) PlausibleCreatinine { get; } = (10m, 5_000m);

    /// <summary>The names of the tests rules may use besides <c>loinc:CODE</c>.</summary>
    public static IReadOnlyList<string> TestNames => Named;

    internal static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
