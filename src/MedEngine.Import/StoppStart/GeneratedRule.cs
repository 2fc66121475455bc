namespace MedEngine.Import.StoppStart;

/// <summary>A rule ready to write: its id, draft, what it leaves out, and its examples.</summary>
internal sealed record GeneratedRule(string Id, RuleDraft Draft, IReadOnlyList<string> Losses, IReadOnlyList<ExampleDraft> Examples);
