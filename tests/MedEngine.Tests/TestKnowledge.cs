using MedEngine.Knowledge;
using MedEngine.Normalization;

namespace MedEngine.Tests;

/// <summary>The shipped knowledge base, loaded once for all tests.</summary>
internal static class TestKnowledge
{
    public static FileKnowledgeBase Shipped { get; } = FileKnowledgeBase.LoadShipped();

    public static EntryNormalizer Normalizer { get; } = new(Shipped);
}
