namespace MedEngine.Import.Interactions;

/// <summary>The columns of an interaction table, in order.</summary>
internal static class InteractionTable
{
    public static readonly string[] Columns = ["a", "b", "severity", "consequence", "mechanism", "handling", "evidence", "reference", "source"];
}
