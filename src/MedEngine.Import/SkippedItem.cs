namespace MedEngine.Import;

/// <summary>One record, name or pair an import did not take, and why.</summary>
/// <param name="Reason">The reason, a short fixed text that skipped items are counted by (<c>name not found</c>).</param>
/// <param name="Item">What was skipped, as the source wrote it.</param>
/// <param name="Location">Where it is (<c>file:line</c> or a catalogue id), when known.</param>
public sealed record SkippedItem(string Reason, string Item, string? Location);
