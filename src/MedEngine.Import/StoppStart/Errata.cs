namespace MedEngine.Import.StoppStart;

/// <summary>
/// The source's known errors, corrected and documented (docs/stopp-start-v2.md) so that the generated rules say what the
/// criteria say:
/// <list type="bullet">
/// <item>LOINC 1996-8 (calcium in blood) is written for serum potassium (STOPP B8, threshold 3.0 mmol/L) and serum sodium
/// (STOPP B8 and D4, threshold 130 mmol/L): mapped by threshold to <c>potassium</c> and <c>sodium</c>.</item>
/// <item>START A5 says "unless ... age is &gt; 85 years" but codes age &gt; 85 as a condition that must hold: inverted to age &lt;= 85.</item>
/// </list>
/// </summary>
internal static class Errata
{
    /// <summary>The corrected test for a miscoded LOINC, or <see langword="null"/>.</summary>
    public static string? LabTest(string criterion, string loinc, decimal threshold) =>
        loinc == "1996-8" && criterion is "STOPP B8" or "STOPP D4" ? (threshold >= 100 ? "sodium" : "potassium") : null;

    /// <summary>The age operator to use: inverted for START A5's "unless age &gt; 85".</summary>
    public static string AgeOperator(string criterion, string op) =>
        criterion == "START A5" && op == ">" ? "<=" : op;
}
