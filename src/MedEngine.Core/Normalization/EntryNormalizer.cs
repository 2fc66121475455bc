using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>Turns a source entry into a <see cref="NormalizedEntry"/>: substances, form, route, strength, dosage and daily dose.</summary>
internal sealed partial class EntryNormalizer
{
    private const decimal MaxPlausibleTimesPerDay = 24m;
    private const decimal MaxPlausibleUnitsPerDose = 50m;

    /// <summary>The largest amount or strength, in any unit, that takes part in arithmetic; beyond it the value is implausible (never an overflow).</summary>
    private const decimal MaxPlausibleMagnitude = 1_000_000_000m;
    private const int MaxCachedEntries = 100_000;
    private readonly MedicationResolver _resolver;
    private readonly IKnowledgeBase _knowledge;
    private readonly ConcurrentDictionary<string, NormalizedEntry> _byContent = new(StringComparer.Ordinal);

    /// <summary>Creates a normalizer over a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="proposer">What proposes possible matches for unresolved names; by default <see cref="EditDistanceProposer"/>.</param>
    public EntryNormalizer(IKnowledgeBase knowledge, IMatchProposer? proposer = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _knowledge = knowledge;
        _resolver = new MedicationResolver(knowledge, proposer);
    }

    /// <summary>Whether the knowledge base knows an ATC code (a substance or a combination), so an entry coded with it resolves.</summary>
    /// <param name="atc">The code.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool Knows(string atc) => !string.IsNullOrWhiteSpace(atc) && _knowledge.FindByCode(CodeSystem.Atc, atc) is not null;

    /// <summary>
    /// Normalizes one entry of one source. What is derived depends only on how the entry names and doses the medication, so
    /// it is computed once per distinct wording and shared (the same product names and dosage texts recur across sources
    /// and patients); the cache is bounded and thread-safe.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The normalized entry.</returns>
    public NormalizedEntry Normalize(MedicationSource source, MedicationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(entry);
        var key = ContentKey(entry);
        if (!_byContent.TryGetValue(key, out var derived))
        {
            if (_byContent.Count >= MaxCachedEntries)
            {
                _byContent.Clear();
            }

            derived = _byContent.GetOrAdd(key, Derive(source, entry));
        }

        return derived with { Source = source, Entry = entry };
    }

    private static string ContentKey(MedicationEntry entry)
    {
        var key = new StringBuilder(entry.Name);
        foreach (var coding in entry.Codings)
        {
            key.Append('\u0001').Append(coding.System).Append(':').Append(coding.Code).Append(':').Append(coding.Display);
        }

        foreach (var substance in entry.Substances)
        {
            key.Append('\u0002').Append(substance.Name).Append(':').Append(substance.Strength);
        }

        return key.Append('\u0003').Append(entry.Form).Append('\u0003').Append(entry.Route).Append('\u0003').Append(entry.Dose)
            .Append('\u0003').Append(entry.TimesPerDay).Append('\u0003').Append(entry.AsNeeded).Append('\u0003').Append(entry.MaxTimesPerDay)
            .Append('\u0003').Append(entry.DosageText).ToString();
    }

    private NormalizedEntry Derive(MedicationSource source, MedicationEntry entry)
    {
        var resolution = _resolver.Resolve(entry);
        var product = resolution.Product;
        var form = FormAndRoute.NormalizeForm(entry.Form) ?? FormAndRoute.NormalizeForm(entry.Name)
            ?? entry.Codings.Select(c => FormAndRoute.NormalizeForm(c.Display)).FirstOrDefault(f => f is not null)
            ?? FormAndRoute.NormalizeForm(product?.Form);
        var route = FormAndRoute.NormalizeRoute(entry.Route) ?? FormAndRoute.RouteOf(form) ?? FormAndRoute.NormalizeRoute(product?.Route);
        var strength = resolution.Substances.Count == 1 ? StrengthOf(entry) : null;
        var dosageText = entry.DosageText ?? DosageWords(resolution.FreeText);
        var dosage = Plausible(DosageOf(entry, dosageText));
        return new NormalizedEntry
        {
            Source = source,
            Entry = entry,
            Resolution = resolution,
            Form = form,
            Route = route,
            Strength = strength,
            DosageText = dosageText,
            Dosage = dosage,
            DailyDose = DailyDose(dosage, strength),
            LineKey = resolution.IsResolved
                ? string.Join('+', resolution.Substances.Select(s => s.Key)) + (FormAndRoute.RouteGroup(route) is { Length: > 0 } group ? "@" + group : "")
                : null,
        };
    }

    /// <summary>The dosage words of a free-text name: the words after the medication's name, without its strength.</summary>
    private static string? DosageWords(FreeTextReading? freeText)
    {
        if (freeText is null)
        {
            return null;
        }

        var words = StrengthPattern().Replace(freeText.Rest, " ").Trim();
        return words.Length == 0 ? null : string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static DosageInterpretation DosageOf(MedicationEntry entry, string? dosageText)
    {
        var structured = entry.Dose is not null || entry.TimesPerDay is not null || entry.AsNeeded;
        if (!structured)
        {
            return DosageTextParser.Parse(dosageText);
        }

        var amountPerDay = entry.Dose is { } dose && entry.TimesPerDay is { } times && !entry.AsNeeded
            && Math.Abs(dose.Value) <= MaxPlausibleMagnitude && Math.Abs(times) <= MaxPlausibleMagnitude
            ? dose with { Value = dose.Value * times }
            : null;
        return new DosageInterpretation
        {
            AmountPerDose = entry.Dose,
            TimesPerDay = entry.TimesPerDay,
            AmountPerDay = amountPerDay,
            AsNeeded = entry.AsNeeded,
            MaxTimesPerDay = entry.MaxTimesPerDay,
        };
    }

    private static DosageInterpretation Plausible(DosageInterpretation dosage)
    {
        string? problem = null;
        if (dosage.TimesPerDay is <= 0 or > MaxPlausibleTimesPerDay)
        {
            problem = $"Implausible frequency: {dosage.TimesPerDay} times per day.";
        }
        else if (dosage.AmountPerDose is { } amount && (amount.Value <= 0 || (amount.Unit.Dimension == Dimension.Count && amount.Value > MaxPlausibleUnitsPerDose)))
        {
            problem = $"Implausible dose: {amount} per administration.";
        }
        else if (dosage.AmountPerDose?.Value > MaxPlausibleMagnitude)
        {
            problem = $"Implausible dose: {dosage.AmountPerDose} per administration.";
        }
        else if (dosage.MaxTimesPerDay is <= 0 or > MaxPlausibleMagnitude)
        {
            problem = $"Implausible maximum: {dosage.MaxTimesPerDay} per day.";
        }

        return problem is null ? dosage : DosageInterpretation.Unknown with { Problem = problem, AsNeeded = dosage.AsNeeded };
    }

    private static Quantity? StrengthOf(MedicationEntry entry)
    {
        if (entry.Substances is [{ Strength: { } given }])
        {
            return given;
        }

        var texts = new[] { entry.Name }.Concat(entry.Codings.Select(c => c.Display));
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (CombinationStrength().IsMatch(text))
            {
                // "50/12,5 mg": the strengths of a combination's components; neither is the product's strength.
                return null;
            }

            var found = StrengthPattern().Matches(text)
                .Select(m => Quantity.TryParse(m.Value, out var q) ? q : null)
                .Where(q => q is not null && q.Unit.Dimension is not Dimension.Count and not Dimension.Volume)
                .ToList();
            if (found.Count == 1)
            {
                return found[0];
            }
        }

        return null;
    }

    private static Quantity? DailyDose(DosageInterpretation dosage, Quantity? strength)
    {
        if (dosage.AmountPerDay is not { } perDay || strength?.Value > MaxPlausibleMagnitude)
        {
            return null;
        }

        return perDay.Unit.Dimension switch
        {
            Dimension.Mass or Dimension.InternationalUnits or Dimension.AmountOfSubstance => perDay.ToCanonical(),
            Dimension.Count when strength?.Unit.Dimension is Dimension.Mass or Dimension.InternationalUnits or Dimension.AmountOfSubstance =>
                new Quantity(perDay.Value * strength.Value, strength.Unit).ToCanonical(),
            Dimension.Volume when strength?.Unit.Dimension is Dimension.MassConcentration =>
                new Quantity(perDay.ToCanonical().Value * strength.ToCanonical().Value, MeasureUnits.Milligram),
            _ => null,
        };
    }

    [GeneratedRegex(@"(?<![\w.,])[0-9]+(?:[.,][0-9]+)?\s*(?:mg|µg|μg|mcg|g|mmol|ie|iu)?\s*/\s*[0-9]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CombinationStrength();

    [GeneratedRegex(@"(?<![\w.,])[0-9]+(?:[.,][0-9]+)?\s*(?:mg/ml|µg/ml|μg/ml|mcg/ml|mg/actuat|µg/h|μg/h|mcg/h|µg/time|μg/time|mcg/time|mikrogram/time|mg|g|µg|μg|mcg|mmol|ie|iu|unt|e)(?![\w/])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StrengthPattern();
}
