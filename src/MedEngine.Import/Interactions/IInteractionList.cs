namespace MedEngine.Import.Interactions;

/// <summary>Reads one kind of public interaction list into pairs; records it cannot use are counted and skipped in the log.</summary>
internal interface IInteractionList
{
    /// <summary>The source column's text (<c>ONC high-priority</c>).</summary>
    string Source { get; }

    IEnumerable<ListPair> Read(string file, ImportLog log);
}
