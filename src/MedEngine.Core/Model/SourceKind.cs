namespace MedEngine.Model;

/// <summary>The kind of system a medication list comes from. It decides the list's trust and what it is compared with.</summary>
public enum SourceKind
{
    /// <summary>The kind is not known; such a list is trusted least after patient-reported lists.</summary>
    Unknown = 0,
    /// <summary>The GP's record (fastlegens journal).</summary>
    GeneralPractitioner,
    /// <summary>A hospital record, including a discharge letter (epikrise).</summary>
    Hospital,
    /// <summary>A municipal care record: home care or nursing home (PLO).</summary>
    MunicipalCare,
    /// <summary>The patient's shared list in the e-prescription registry (Pasientens legemiddelliste, PLL).</summary>
    Pll,
    /// <summary>Valid prescriptions in the e-prescription registry (Reseptformidleren, RF).</summary>
    Prescriptions,
    /// <summary>Pharmacy dispensings (for example from Kjernejournal). A fill is not evidence of current use.</summary>
    Dispensing,
    /// <summary>Machine-dispensed multidose packs, with a responsible doctor.</summary>
    Multidose,
    /// <summary>What the patient says they take.</summary>
    PatientReported,
}
