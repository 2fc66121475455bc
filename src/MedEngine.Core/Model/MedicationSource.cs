namespace MedEngine.Model;

/// <summary>One system's medication list for the patient: who keeps it, and when it was last confirmed.</summary>
/// <param name="Id">A stable id of the source, unique per patient (for example <c>gp-hansen</c>).</param>
/// <param name="Kind">What kind of system the list comes from.</param>
/// <param name="LastConfirmed">When the list as a whole was last confirmed (verified) by someone; <see langword="null"/> when unknown.</param>
/// <param name="ConfirmedBy">Who confirmed it, as the source names them; <see langword="null"/> when unknown.</param>
public sealed record MedicationSource(string Id, SourceKind Kind, DateTimeOffset? LastConfirmed = null, string? ConfirmedBy = null);
