using Hl7.Fhir.Model;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Reads the sections of a document Bundle's Composition (the shape of SFM Basis <c>$getMedication</c>) and says which source kind each
/// referenced resource belongs to. A section is classified by its code displays/codes and title, case-insensitively:
/// <c>dispens</c>/<c>utlever</c> → <see cref="SourceKind.Dispensing"/>; <c>prescription</c>/<c>resept</c>/<c>forskrivning</c> →
/// <see cref="SourceKind.Prescriptions"/>; <c>pll</c>/<c>legemiddelliste</c>/<c>statement</c>/<c>legemidler i bruk</c>/<c>medication</c> →
/// <see cref="SourceKind.Pll"/>. Other sections (allergies...) assign no kind.
/// </summary>
internal static class SfmSections
{
    public static Dictionary<Resource, SourceKind> Classify(IEnumerable<Composition> compositions, ResourceIndex index)
    {
        var kinds = new Dictionary<Resource, SourceKind>(ReferenceEqualityComparer.Instance);
        foreach (var composition in compositions)
        {
            Visit(composition.Section, null, index, kinds);
        }

        return kinds;
    }

    internal static SourceKind? KindOf(Composition.SectionComponent section)
    {
        var words = string.Join(
            " ",
            new[] { section.Title, section.Code?.Text }.Concat(section.Code?.Coding.SelectMany(c => new[] { c.Code, c.Display }) ?? []))
            .ToLowerInvariant();
        if (words.Contains("dispens", StringComparison.Ordinal) || words.Contains("utlever", StringComparison.Ordinal))
        {
            return SourceKind.Dispensing;
        }

        if (words.Contains("prescription", StringComparison.Ordinal) || words.Contains("resept", StringComparison.Ordinal)
            || words.Contains("forskrivning", StringComparison.Ordinal))
        {
            return SourceKind.Prescriptions;
        }

        if (words.Contains("pll", StringComparison.Ordinal) || words.Contains("legemiddelliste", StringComparison.Ordinal)
            || words.Contains("statement", StringComparison.Ordinal) || words.Contains("legemidler i bruk", StringComparison.Ordinal)
            || words.Contains("medication", StringComparison.Ordinal))
        {
            return SourceKind.Pll;
        }

        return null;
    }

    private static void Visit(List<Composition.SectionComponent> sections, SourceKind? inherited, ResourceIndex index, Dictionary<Resource, SourceKind> kinds)
    {
        foreach (var section in sections)
        {
            var kind = KindOf(section) ?? inherited;
            if (kind is { } k)
            {
                foreach (var entry in section.Entry)
                {
                    if (index.Resolve(entry) is { } resource)
                    {
                        kinds.TryAdd(resource, k);
                    }
                }
            }

            Visit(section.Section, kind, index, kinds);
        }
    }
}
