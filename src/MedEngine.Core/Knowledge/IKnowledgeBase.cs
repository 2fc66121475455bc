using MedEngine.Model;

namespace MedEngine.Knowledge;

/// <summary>What MedEngine knows about substances and products. Implementations are immutable and thread-safe.</summary>
public interface IKnowledgeBase
{
    /// <summary>Finds what a code names: an ATC level 5 code of a substance or of a combination product, or a FEST, RxNorm or SNOMED CT product code.</summary>
    /// <param name="system">The code system.</param>
    /// <param name="code">The code as given.</param>
    /// <returns>The match, or <see langword="null"/> when the code is not known.</returns>
    KnowledgeMatch? FindByCode(CodeSystem system, string code);

    /// <summary>
    /// Finds what an exact normalized name names (see <see cref="NameNormalizer"/>): a substance, synonym, or product, or a
    /// generic named by a substance's exact name and its maker's ("atorvastatin sandoz").
    /// </summary>
    /// <param name="normalizedName">The name, normalized.</param>
    /// <returns>The match, or <see langword="null"/> when no name is exactly this.</returns>
    KnowledgeMatch? FindByName(string normalizedName);

    /// <summary>Whether a normalized word is a salt or ester (<c>succinate</c>, <c>hydroklorid</c>), which does not change the substance.</summary>
    /// <param name="normalizedWord">One normalized word.</param>
    /// <returns><see langword="true"/> for a salt word.</returns>
    bool IsSalt(string normalizedWord);

    /// <summary>Every normalized name the knowledge base knows, for proposing possible matches (never for merging).</summary>
    IReadOnlyCollection<string> Names { get; }
}
