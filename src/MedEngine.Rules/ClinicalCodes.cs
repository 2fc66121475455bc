namespace MedEngine.Rules;

/// <summary>Short keys for coded facts (<c>icd10:I50.9</c>), so that rules compare codes from any source the same way.</summary>
public static class ClinicalCodes
{
    private static readonly (string Marker, string Short)[] Systems =
    [
        ("icd-10", "icd10"), ("icd10", "icd10"), ("2.16.578.1.12.4.1.1.7110", "icd10"),
        ("icpc-2", "icpc2"), ("icpc2", "icpc2"), ("2.16.578.1.12.4.1.1.7170", "icpc2"),
        ("snomed", "snomed"), ("loinc", "loinc"), ("atc", "atc"), ("rxnorm", "rxnorm"), ("medengine", "medengine"),
    ];

    /// <summary>The key of a code: a short system name, a colon, and the code in upper case without spaces.</summary>
    /// <param name="system">The code system as given (a URI, an OID or a short name).</param>
    /// <param name="code">The code.</param>
    /// <returns>The key, such as <c>icd10:K92.2</c>.</returns>
    public static string Key(string? system, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lower = system?.ToLowerInvariant() ?? "";
        var shortName = Array.Find(Systems, s => lower.Contains(s.Marker, StringComparison.Ordinal)).Short ?? lower;
        return shortName + ":" + code.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>Whether a key matches a pattern: equal, or the pattern ends with <c>*</c> and the key starts with the rest.</summary>
    /// <param name="key">A key such as <c>icd10:I50.9</c>.</param>
    /// <param name="pattern">A key or prefix pattern such as <c>icd10:I50*</c>.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool Matches(string key, string pattern)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.EndsWith('*') ? key.StartsWith(pattern[..^1], StringComparison.Ordinal) : key == pattern;
    }
}
