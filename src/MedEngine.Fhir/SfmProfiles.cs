using Hl7.Fhir.Model;

namespace MedEngine.Fhir;

/// <summary>The SFM Basis profiles and extensions the reader knows, and how to find them on a resource.</summary>
internal static class SfmProfiles
{
    /// <summary>The base of SFM's structure definitions.</summary>
    public const string Base = "http://ehelse.no/fhir/StructureDefinition/";

    /// <summary>A magistral preparation: named by <see cref="Name"/>, its code only says "Magistrell".</summary>
    public const string MagistralMedication = Base + "sfm-Magistrell-Medication";

    /// <summary>The PLL information (a Basic): the PLL's date in <see cref="PllInformation"/>, its author.</summary>
    public const string PllInfo = Base + "sfm-PLL-info";

    /// <summary>A prescription of goods that are not medicines (a Basic: nutrition, dressings, appliances).</summary>
    public const string BandaPrescription = Base + "sfm-BandaPrescription";

    /// <summary>The registration of a medication statement: status, type, provider, timestamp.</summary>
    public const string RegInfo = Base + "sfm-regInfo";

    /// <summary>On the PLL information: <c>PLLdate</c>.</summary>
    public const string PllInformation = Base + "sfm-pllInformation";

    /// <summary>The name of a magistral preparation.</summary>
    public const string Name = Base + "sfm-name";

    /// <summary>The prescription's details: <c>dssn</c> (the dosage text), <c>rfstatus</c>...</summary>
    public const string PrescriptionAmendment = Base + "sfm-reseptamendment";

    /// <summary>On a non-medicine prescription: the product group.</summary>
    public const string BandaDetails = Base + "sfm-reseptdocbanda";

    /// <summary>Whether a resource claims a profile.</summary>
    public static bool Claims(Resource? resource, string profile) => resource?.Meta?.Profile.Contains(profile) == true;

    /// <summary>The value of a sub-extension <paramref name="part"/> of the extension <paramref name="url"/>, or of the extension itself when no part is given.</summary>
    public static DataType? Value(DomainResource resource, string url, string? part = null)
    {
        var extension = resource.Extension.FirstOrDefault(e => e.Url == url);
        return part is null ? extension?.Value : extension?.Extension.FirstOrDefault(e => e.Url == part)?.Value;
    }

    /// <summary>The text of a coded or string value: a codeable concept's text or display, a string, a reference's display.</summary>
    public static string? Text(DataType? value) => value switch
    {
        CodeableConcept concept => concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? FhirCodings.Text(concept),
        FhirString text => text.Value,
        ResourceReference reference => reference.Display ?? reference.Reference,
        _ => null,
    };
}
