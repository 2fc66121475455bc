namespace MedEngine.Import.StoppStart;

/// <summary>
/// The translation of one iteration: a draft rule with what it leaves out, or why it cannot be expressed. ATC codes left
/// out because no known substance matches them are listed for the import's skipped items.
/// </summary>
internal sealed record BranchResult(RuleDraft? Draft, IReadOnlyList<string> Losses, string? NotReason, IReadOnlyList<string> DroppedCodes)
{
    public static BranchResult Not(string reason) => new(null, [], reason, []);
}
