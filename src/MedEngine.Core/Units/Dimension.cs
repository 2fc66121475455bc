namespace MedEngine.Units;

/// <summary>What a unit measures. Quantities convert only within one dimension.</summary>
public enum Dimension
{
    /// <summary>Mass; canonical unit mg.</summary>
    Mass,
    /// <summary>Amount of substance; canonical unit mmol.</summary>
    AmountOfSubstance,
    /// <summary>International units (IE / IU); canonical unit IE.</summary>
    InternationalUnits,
    /// <summary>Volume; canonical unit ml.</summary>
    Volume,
    /// <summary>Mass per volume; canonical unit mg/ml.</summary>
    MassConcentration,
    /// <summary>International units per volume; canonical unit IE/ml.</summary>
    UnitsConcentration,
    /// <summary>Percent (w/w or w/v as the product states); mg/g is a tenth of a percent.</summary>
    Percent,
    /// <summary>Mass per hour, as for patches; canonical unit µg/h.</summary>
    MassRate,
    /// <summary>Countable dose units (tablet, capsule, puff...). Each count unit is its own unit; they do not convert.</summary>
    Count,
}
