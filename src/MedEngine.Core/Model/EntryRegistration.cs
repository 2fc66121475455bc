namespace MedEngine.Model;

/// <summary>
/// How the source registered an entry, as it says (SFM's <c>sfm-regInfo</c> on each medication statement): the registration's
/// status (for example <c>Godkjent</c>), its type (the role, for example <c>Forskrevet av</c>), the health worker behind it and when.
/// </summary>
/// <param name="Status">The registration status as written; <see langword="null"/> when not given.</param>
/// <param name="Type">The registration type (the provider's role) as written; <see langword="null"/> when not given.</param>
/// <param name="Provider">Who registered it, as the source names them (for example <c>Jesper Odd Hansen, HPR: 7479654</c>).</param>
/// <param name="At">When it was registered.</param>
public sealed record EntryRegistration(string? Status, string? Type, string? Provider, DateTimeOffset? At);
