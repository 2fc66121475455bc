using System.Collections.Frozen;
using System.Globalization;

namespace MedEngine.Units;

/// <summary>The units MedEngine understands, and their spellings in Norwegian, English, UCUM and RxNorm.</summary>
public static class MeasureUnits
{
    /// <summary>Milligram, the canonical mass unit.</summary>
    public static MeasureUnit Milligram { get; } = new("mg", Dimension.Mass, 1m);

    /// <summary>Tablet (tablett), a count unit.</summary>
    public static MeasureUnit Tablet { get; } = new("tablet", Dimension.Count, 1m);

    /// <summary>One unit of the product as dispensed (a tablet of a tablet product), for amounts written without a unit ("1x2").</summary>
    public static MeasureUnit ProductUnit { get; } = new("unit", Dimension.Count, 1m);

    private static readonly FrozenDictionary<string, MeasureUnit> BySpelling = Build();

    private static FrozenDictionary<string, MeasureUnit> Build()
    {
        var units = new Dictionary<string, MeasureUnit>(StringComparer.Ordinal);
        void Add(MeasureUnit unit, params string[] spellings)
        {
            units[unit.Symbol.ToLowerInvariant()] = unit;
            foreach (var s in spellings)
            {
                units[s] = unit;
            }
        }

        Add(new MeasureUnit("g", Dimension.Mass, 1000m), "gram");
        Add(Milligram, "milligram", "mg/actuat", "mg/dose", "mg/puff");
        Add(new MeasureUnit("µg", Dimension.Mass, 0.001m), "μg", "mcg", "ug", "mikrogram", "microgram");
        Add(new MeasureUnit("ng", Dimension.Mass, 0.000001m), "nanogram");
        Add(new MeasureUnit("mmol", Dimension.AmountOfSubstance, 1m), "millimol");
        Add(new MeasureUnit("µmol", Dimension.AmountOfSubstance, 0.001m), "μmol", "umol");
        Add(new MeasureUnit("IE", Dimension.InternationalUnits, 1m), "iu", "ui", "e", "u", "unt", "units", "enheter", "[iu]");
        Add(new MeasureUnit("ml", Dimension.Volume, 1m), "milliliter");
        Add(new MeasureUnit("l", Dimension.Volume, 1000m), "liter");
        Add(new MeasureUnit("mg/ml", Dimension.MassConcentration, 1m));
        Add(new MeasureUnit("g/l", Dimension.MassConcentration, 1m));
        Add(new MeasureUnit("µg/ml", Dimension.MassConcentration, 0.001m), "μg/ml", "mcg/ml", "ug/ml");
        Add(new MeasureUnit("g/ml", Dimension.MassConcentration, 1000m));
        Add(new MeasureUnit("IE/ml", Dimension.UnitsConcentration, 1m), "iu/ml", "e/ml", "u/ml", "unt/ml");
        Add(new MeasureUnit("%", Dimension.Percent, 1m), "prosent", "percent");
        Add(new MeasureUnit("mg/g", Dimension.Percent, 0.1m));
        Add(new MeasureUnit("µg/h", Dimension.MassRate, 1m), "μg/h", "mcg/h", "ug/h", "µg/time", "μg/time", "mikrogram/time", "mcg/hr", "µg/hr");
        Add(new MeasureUnit("mg/h", Dimension.MassRate, 1000m), "mg/time", "mg/hr");
        Add(Tablet, "tablett", "tabletter", "tabl", "tbl", "tab", "tablets", "tabs");
        Add(new MeasureUnit("capsule", Dimension.Count, 1m), "kapsel", "kapsler", "kaps", "caps", "cap", "capsules");
        Add(new MeasureUnit("drop", Dimension.Count, 1m), "dråpe", "dråper", "drops", "gtt");
        Add(new MeasureUnit("puff", Dimension.Count, 1m), "puffs", "drag", "inhalasjon", "inhalasjoner", "dose", "doser", "actuation", "actuat");
        Add(new MeasureUnit("patch", Dimension.Count, 1m), "plaster", "patches");
        Add(new MeasureUnit("suppository", Dimension.Count, 1m), "stikkpille", "stikkpiller", "supp");
        Add(new MeasureUnit("sachet", Dimension.Count, 1m), "dosepose", "doseposer", "pose", "poser", "sachets");
        Add(new MeasureUnit("piece", Dimension.Count, 1m), "stk", "stykk");
        Add(ProductUnit);
        Add(new MeasureUnit("ampoule", Dimension.Count, 1m), "ampulle", "ampuller", "amp");
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Looks up a unit by any of its spellings (case-insensitive; <c>mcg</c>, <c>µg</c>, <c>IE</c>, <c>IU</c>, <c>MG/ML</c>, <c>tablett</c>...).</summary>
    /// <param name="spelling">The unit as written.</param>
    /// <param name="unit">The unit, when known.</param>
    /// <returns><see langword="true"/> when the spelling is known.</returns>
    public static bool TryParse(string? spelling, out MeasureUnit unit)
    {
        unit = Milligram;
        if (string.IsNullOrWhiteSpace(spelling))
        {
            return false;
        }

        var key = spelling.Trim().ToLower(CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal)
            .Replace("døgn", "24h", StringComparison.Ordinal).TrimEnd('.');
        if (BySpelling.TryGetValue(key, out var found))
        {
            unit = found;
            return true;
        }

        return false;
    }

    /// <summary>The canonical unit of a dimension (mg, mmol, IE, ml, mg/ml, IE/ml, %, µg/h).</summary>
    /// <param name="dimension">A dimension other than <see cref="Dimension.Count"/>.</param>
    /// <returns>The unit with factor 1.</returns>
    /// <exception cref="ArgumentException">The dimension is <see cref="Dimension.Count"/>, which has no canonical unit.</exception>
    public static MeasureUnit Canonical(Dimension dimension) => dimension switch
    {
        Dimension.Mass => Milligram,
        Dimension.AmountOfSubstance => BySpelling["mmol"],
        Dimension.InternationalUnits => BySpelling["ie"],
        Dimension.Volume => BySpelling["ml"],
        Dimension.MassConcentration => BySpelling["mg/ml"],
        Dimension.UnitsConcentration => BySpelling["ie/ml"],
        Dimension.Percent => BySpelling["%"],
        Dimension.MassRate => BySpelling["µg/h"],
        _ => throw new ArgumentException("Count units have no canonical unit.", nameof(dimension)),
    };
}
