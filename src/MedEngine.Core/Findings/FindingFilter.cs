namespace MedEngine.Findings;

/// <summary>
/// Which findings interrupt the clinician. By default everything from <see cref="Severity.Caution"/> up; "no action needed"
/// (<see cref="Severity.Info"/>) never interrupts unless the host lowers the threshold.
/// </summary>
public sealed record FindingFilter
{
    /// <summary>The default filter: caution and above, any tag.</summary>
    public static FindingFilter Default { get; } = new();

    /// <summary>The lowest severity that interrupts. The default value is <see cref="Severity.Caution"/>.</summary>
    public Severity MinimumSeverity { get; init; } = Severity.Caution;

    /// <summary>When not empty, only findings with one of these tags interrupt.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Findings with one of these tags never interrupt.</summary>
    public IReadOnlyList<string> ExcludedTags { get; init; } = [];

    /// <summary>Whether a finding passes the filter.</summary>
    /// <param name="finding">The finding.</param>
    /// <returns><see langword="true"/> when it should interrupt.</returns>
    public bool Passes(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Severity >= MinimumSeverity
            && (Tags.Count == 0 || finding.Tags.Intersect(Tags, StringComparer.Ordinal).Any())
            && !finding.Tags.Intersect(ExcludedTags, StringComparer.Ordinal).Any();
    }
}

/// <summary>A clinician's decision to go on despite a finding, with the reason. The same finding stays quiet in the same context.</summary>
/// <param name="FindingKey">The finding's key.</param>
/// <param name="Context">The context the override holds in (for example an encounter id); the same key in another context interrupts again.</param>
/// <param name="Reason">The reason given.</param>
/// <param name="Comment">The clinician's comment, if any.</param>
/// <param name="By">Who overrode it, if known.</param>
/// <param name="At">When.</param>
public sealed record FindingOverride(string FindingKey, string Context, string Reason, string? Comment, string? By, DateTimeOffset At);
