using MedEngine.Model;

namespace MedEngine.Reconciliation;

/// <summary>
/// Decides which source's entry gives a line's proposed current state. Kinds are grouped in tiers; a higher tier always
/// outranks a lower one, and within a tier the most recently confirmed entry wins.
/// </summary>
public sealed class SourcePrecedencePolicy
{
    private readonly SourceKind[][] _tiers;
    private readonly string[] _descriptions;

    /// <summary>Creates a policy from tiers, highest first.</summary>
    /// <param name="tiers">The tiers, highest first; each with the kinds in it and a description used in the reason (e.g. "clinician-confirmed list").</param>
    /// <exception cref="ArgumentException">A kind is in no tier or in two.</exception>
    public SourcePrecedencePolicy(IReadOnlyList<(string Description, IReadOnlyList<SourceKind> Kinds)> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var problems = new List<string>();
        foreach (var kind in Enum.GetValues<SourceKind>())
        {
            var count = tiers.Count(t => t.Kinds.Contains(kind));
            if (count != 1)
            {
                problems.Add($"{SourceKinds.ToName(kind)} is in {count} tiers; it must be in exactly one.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(tiers));
        }

        _tiers = tiers.Select(t => t.Kinds.ToArray()).ToArray();
        _descriptions = tiers.Select(t => t.Description).ToArray();
    }

    /// <summary>
    /// The default: clinician lists (hospital, GP, municipal care, multidose, PLL; the newest confirmed wins), then
    /// e-prescriptions, then dispensings (a fill is not evidence of current use), then patient-reported, then unknown.
    /// A patient-reported entry never overrides a clinician's.
    /// </summary>
    public static SourcePrecedencePolicy Default { get; } = new(
    [
        ("newest clinician-confirmed list", [SourceKind.Hospital, SourceKind.GeneralPractitioner, SourceKind.MunicipalCare, SourceKind.Multidose, SourceKind.Pll]),
        ("e-prescription; on no clinician list", [SourceKind.Prescriptions]),
        ("pharmacy dispensing only; a fill is not evidence of current use", [SourceKind.Dispensing]),
        ("patient-reported only; no clinician source", [SourceKind.PatientReported]),
        ("source of unknown kind only", [SourceKind.Unknown]),
    ]);

    /// <summary>The tier of a kind: 0 is the highest.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The tier index.</returns>
    public int TierOf(SourceKind kind) => Array.FindIndex(_tiers, t => t.Contains(kind));

    /// <summary>The order of a kind inside its tier, used to break ties between equally recent entries.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The position in the tier.</returns>
    public int RankInTier(SourceKind kind) => Array.IndexOf(_tiers[TierOf(kind)], kind);

    /// <summary>The description of a kind's tier.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The tier description.</returns>
    public string DescribeTier(SourceKind kind) => _descriptions[TierOf(kind)];
}
