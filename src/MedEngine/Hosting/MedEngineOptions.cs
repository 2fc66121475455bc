namespace MedEngine;

/// <summary>
/// What a host configures about the engine, usually from the <see cref="SectionName"/> section of its configuration
/// (<c>docs/hosting.md</c>). Validated once at start, every problem reported together; a key this class does not have is refused.
/// </summary>
public sealed class MedEngineOptions
{
    /// <summary>The configuration section the options are usually bound from: <c>MedEngine</c>.</summary>
    public const string SectionName = "MedEngine";

    /// <summary>A knowledge base folder (<c>docs/knowledge-base.md</c>); default <see langword="null"/>, the shipped knowledge base.</summary>
    public string? KnowledgeDirectory { get; set; }

    /// <summary>A rules folder (<c>docs/rule-files.md</c>); default <see langword="null"/>, the shipped rule library.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>
    /// Whether to reload <see cref="RulesDirectory"/> when its rule files change; default <see langword="false"/>. A set with
    /// errors is refused and the last good set stays in use (the health check then reports degraded).
    /// </summary>
    public bool ReloadRules { get; set; }

    /// <summary>How often <see cref="ReloadRules"/> looks for changed rule files; default 5 seconds, at least 100 ms.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);
}
