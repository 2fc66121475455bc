namespace MedEngine.Rules;

/// <summary>One lab value as the rules see it: the test, the value in the test's canonical unit, and its age.</summary>
/// <param name="Test">The test: <c>egfr</c>, <c>crcl</c>, <c>creatinine</c> (µmol/L), <c>potassium</c>, <c>sodium</c> (mmol/L), <c>inr</c>, or <c>loinc:CODE</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit of the value.</param>
/// <param name="Effective">When it was measured, when known.</param>
/// <param name="AgeDays">Its age in days at evaluation; <see langword="null"/> when the date is unknown.</param>
/// <param name="Derived">How it was computed, when it was not measured (Cockcroft-Gault).</param>
public sealed record LabFact(string Test, decimal Value, string Unit, DateTimeOffset? Effective, int? AgeDays, string? Derived = null)
{
    /// <summary>Every dated value of the test, oldest first, this one included: what a trend is fitted to (empty for a derived value).</summary>
    public IReadOnlyList<LabFact> Series { get; init; } = [];

    /// <summary>A readable statement of the value (<c>eGFR 24 mL/min/1.73m² (2026-11-01)</c>).</summary>
    public string Describe() =>
        $"{Test} {Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {Unit}"
        + (Effective is { } at ? $" ({at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})" : "")
        + (Derived is null ? "" : $" [{Derived}]");
}
