namespace MedEngine.Findings;

/// <summary>A modifier that moved a finding's severity: how many steps and why.</summary>
/// <param name="Steps">Steps up (positive) or down (negative).</param>
/// <param name="Because">Why, in the languages the rule file gives it (a plain string in a rule file is English only).</param>
public sealed record SeverityChange(int Steps, LocalizedText Because);
