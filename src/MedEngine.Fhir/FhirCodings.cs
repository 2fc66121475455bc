using Hl7.Fhir.Model;
using MedEngine.Model;
using CodeSystem = MedEngine.Model.CodeSystem;

namespace MedEngine.Fhir;

/// <summary>Maps FHIR codings to MedEngine medication codings and back.</summary>
internal static class FhirCodings
{
    /// <summary>The MedEngine code system of a FHIR system URI, or <see langword="null"/> when MedEngine does not use it.</summary>
    public static CodeSystem? ToCodeSystem(string? system)
    {
        if (string.IsNullOrWhiteSpace(system))
        {
            return null;
        }

        var s = system.Trim().TrimEnd('/');
        if (s.Equals(FhirSystems.Atc, StringComparison.OrdinalIgnoreCase) || s.Equals("urn:oid:2.16.840.1.113883.6.73", StringComparison.Ordinal))
        {
            return CodeSystem.Atc;
        }

        if (s.Equals(FhirSystems.RxNorm, StringComparison.OrdinalIgnoreCase) || s.Equals("urn:oid:2.16.840.1.113883.6.88", StringComparison.Ordinal))
        {
            return CodeSystem.RxNorm;
        }

        if (s.Equals(FhirSystems.Snomed, StringComparison.OrdinalIgnoreCase))
        {
            return CodeSystem.SnomedCt;
        }

        if (s.Contains("fest", StringComparison.OrdinalIgnoreCase) || s.StartsWith(FhirSystems.FestOidArc, StringComparison.Ordinal))
        {
            return CodeSystem.FestProduct;
        }

        return null;
    }

    /// <summary>The FHIR system URI written for a MedEngine code system.</summary>
    public static string ToUri(CodeSystem system) => system switch
    {
        CodeSystem.Atc => FhirSystems.Atc,
        CodeSystem.RxNorm => FhirSystems.RxNorm,
        CodeSystem.SnomedCt => FhirSystems.Snomed,
        _ => FhirSystems.Fest,
    };

    /// <summary>The medication codings MedEngine understands in a codeable concept; other systems are left out.</summary>
    public static List<MedicationCoding> Read(CodeableConcept? concept)
    {
        var codings = new List<MedicationCoding>();
        foreach (var coding in concept?.Coding ?? [])
        {
            if (ToCodeSystem(coding.System) is { } system && !string.IsNullOrWhiteSpace(coding.Code))
            {
                codings.Add(new MedicationCoding(system, coding.Code.Trim(), coding.Display));
            }
        }

        return codings;
    }

    /// <summary>The text of a codeable concept: its text, else the first coding's display, else the first code.</summary>
    public static string? Text(CodeableConcept? concept) =>
        concept is null ? null
        : !string.IsNullOrWhiteSpace(concept.Text) ? concept.Text
        : concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))
          ?? concept.Coding.Select(c => c.Code).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>A clinical code from a codeable concept: its first coding, or its text alone.</summary>
    public static ClinicalCode? ToClinicalCode(CodeableConcept? concept)
    {
        if (concept is null)
        {
            return null;
        }

        var coding = concept.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code));
        if (coding is not null)
        {
            return new ClinicalCode(coding.System ?? "", coding.Code!, coding.Display ?? concept.Text);
        }

        return string.IsNullOrWhiteSpace(concept.Text) ? null : new ClinicalCode("", "", concept.Text);
    }
}
