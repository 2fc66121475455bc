using Hl7.Fhir.Model;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Reads the sections of a document Bundle's Composition (the shape of SFM Basis <c>$getMedication</c>) and says which source kind each
/// referenced resource belongs to. A section is classified by its code displays/codes and title, case-insensitively:
/// <c>dispens</c>/<c>utlever</c> → <see cref="SourceKind.Dispensing"/>; <c>prescription</c>/<c>resept</c>/<c>forskrivning</c> →
/// <see cref="SourceKind.Prescriptions"/>; <c>pll</c>/<c>legemiddelliste</c>/<c>statement</c>/<c>legemidler i bruk</c>/<c>medication</c> →
/// <see cref="SourceKind.Pll"/>. Other sections (allergies...) assign no kind. The PLL information section (<c>sectionPLLinfo</c>) says
/// whether the patient has a PLL and its date (<see cref="Pll"/>).
/// </summary>
internal static class SfmSections
{
    /// <summary>
    /// The PLL information of the documents: <see langword="null"/> when no Composition has a <c>sectionPLLinfo</c> section; else
    /// whether it lists anything, the newest <c>sfm-pllInformation</c> <c>PLLdate</c> of the Basic resources it lists, and their author.
    /// </summary>
    public static PllFacts? Pll(IEnumerable<Composition> compositions, ResourceIndex index)
    {
        var sections = compositions.SelectMany(c => c.Section)
            .Where(s => s.Code?.Coding.Any(c => c.Code == "sectionPLLinfo") == true)
            .ToList();
        if (sections.Count == 0)
        {
            return null;
        }

        var infos = sections.SelectMany(s => s.Entry).Select(e => index.Resolve(e)).OfType<Basic>()
            .Select(b => (Date: FhirDates.Parse((SfmProfiles.Value(b, SfmProfiles.PllInformation, "PLLdate") as FhirDateTime)?.Value), b.Author))
            .OrderByDescending(i => i.Date)
            .ToList();
        var newest = infos.FirstOrDefault();
        return new PllFacts(sections.Any(s => s.Entry.Count > 0), newest.Date, newest.Author?.Display ?? newest.Author?.Reference);
    }

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

/// <summary>What an SFM answer says of the patient's PLL.</summary>
/// <param name="Exists">Whether the PLL information section lists a PLL.</param>
/// <param name="Date">The PLL's date (<c>PLLdate</c>), when given.</param>
/// <param name="By">Who made it (the PLL information's author), when given.</param>
internal sealed record PllFacts(bool Exists, DateTimeOffset? Date, string? By);
