namespace MedEngine.Model;

/// <summary>One system's medication list for the patient: who keeps it, and when it was last confirmed.</summary>
/// <param name="Id">A stable id of the source, unique per patient (for example <c>gp-hansen</c>).</param>
/// <param name="Kind">What kind of system the list comes from.</param>
/// <param name="LastConfirmed">When the list as a whole was last confirmed (verified) by someone; <see langword="null"/> when unknown.</param>
/// <param name="ConfirmedBy">Who confirmed it, as the source names them; <see langword="null"/> when unknown.</param>
public sealed record MedicationSource(string Id, SourceKind Kind, DateTimeOffset? LastConfirmed = null, string? ConfirmedBy = null)
{
    /// <summary>
    /// The source's own version of the list, increasing with each change it makes (for example a FHIR <c>versionId</c>);
    /// <see langword="null"/> when the source gives none. A list with a lower version than the one held is older and does not
    /// replace it.
    /// </summary>
    public long? Version { get; init; }

    /// <summary>
    /// For a list read from SFM: whether the patient has a PLL (the answer carries its PLL information, whose date is
    /// <see cref="LastConfirmed"/>); <see langword="false"/> when the answer's PLL section is empty; <see langword="null"/> when the
    /// source does not say.
    /// </summary>
    public bool? PllExists { get; init; }

    /// <summary>The national registry lookups behind the list, as the source reports them (SFM's KJ and RF lookups); empty when none.</summary>
    public IReadOnlyList<RegistryLookup> Lookups { get; init; } = [];

    /// <summary>Whether two sources state the same, comparing the lookups by value.</summary>
    /// <param name="other">The other source.</param>
    /// <returns><see langword="true"/> when equal in value.</returns>
    public bool Equals(MedicationSource? other) =>
        other is not null && Id == other.Id && Kind == other.Kind && LastConfirmed == other.LastConfirmed && ConfirmedBy == other.ConfirmedBy
        && Version == other.Version && PllExists == other.PllExists && Lookups.SequenceEqual(other.Lookups);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Kind, LastConfirmed, ConfirmedBy, Version, PllExists);

    /// <summary>
    /// Whether this list is older than <paramref name="held"/>, a list from the same source: by the source's
    /// <see cref="Version"/> when both have one, else by <see cref="LastConfirmed"/> when both have one. A list that cannot be
    /// told older is not older.
    /// </summary>
    /// <param name="held">The list held now.</param>
    /// <returns><see langword="true"/> when this list is older and must not replace the held one.</returns>
    public bool IsOlderThan(MedicationSource held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return Version is { } version && held.Version is { } heldVersion
            ? version < heldVersion
            : LastConfirmed is { } confirmed && held.LastConfirmed is { } heldConfirmed && confirmed < heldConfirmed;
    }
}
