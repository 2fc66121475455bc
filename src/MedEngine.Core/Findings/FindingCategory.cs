namespace MedEngine.Findings;

/// <summary>What kind of problem a finding is, for outputs that sort or code findings (FHIR's v3 ActCode, suggestions apart).</summary>
public enum FindingCategory
{
    /// <summary>Any other problem: a drug in a patient with a condition, an age, a lab value, and host rules that say nothing else.</summary>
    Other,

    /// <summary>Two or more drugs that interact.</summary>
    Interaction,

    /// <summary>Two lines of the same therapy.</summary>
    DuplicateTherapy,

    /// <summary>A dose, or a total over a class, above a limit.</summary>
    HighDose,

    /// <summary>A therapy the patient is missing: a suggestion, not an alarm.</summary>
    Suggestion,

    /// <summary>
    /// A medication no rule could evaluate: an entry that did not resolve, or a substance no rule file names. Never silent:
    /// the clinician is told what was not checked rather than reading silence as safety.
    /// </summary>
    NotChecked,
}

/// <summary>The names of <see cref="FindingCategory"/> in MedEngine's JSON documents.</summary>
public static class FindingCategories
{
    /// <summary>The name of a category: <c>interaction</c>, <c>duplicate-therapy</c>, <c>high-dose</c>, <c>suggestion</c>, <c>not-checked</c> or <c>other</c>.</summary>
    /// <param name="category">The category.</param>
    /// <returns>Its name.</returns>
    public static string ToName(FindingCategory category) => category switch
    {
        FindingCategory.Interaction => "interaction",
        FindingCategory.DuplicateTherapy => "duplicate-therapy",
        FindingCategory.HighDose => "high-dose",
        FindingCategory.Suggestion => "suggestion",
        FindingCategory.NotChecked => "not-checked",
        _ => "other",
    };
}
