using MedEngine.Knowledge;
using MedEngine.Units;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// The vocabulary rule kinds share in a rule file (<c>docs/rule-files.md</c>): drug selectors, patient criteria, lab criteria,
/// conditions ('when') and masses, each read and checked with its errors (file, line, column) added as it goes.
/// </summary>
/// <param name="knowledge">The knowledge base substance names are resolved against.</param>
/// <param name="file">The rule file, for errors and for paths relative to it.</param>
/// <param name="errors">Where errors go.</param>
internal sealed class RuleSyntax(IKnowledgeBase knowledge, string file, List<InputError> errors)
{
    /// <summary>The YAML reader with errors.</summary>
    public YamlNodes Yaml { get; } = new(file, errors);

    /// <summary>The rule file.</summary>
    public string File => file;

    /// <summary>Where errors go.</summary>
    public List<InputError> Errors => errors;

    public RuleWhen? When(YamlNode node)
    {
        if (Yaml.Map(node, "'when'") is not { } map)
        {
            return null;
        }

        Yaml.CheckKeys(map, "'when'", "patient", "medication", "lab");
        var patient = Yaml.Get(map, "patient") is { } p ? Patient(p, null) : null;
        var medication = Yaml.Get(map, "medication") is { } m ? Selector(m, "'medication'") : null;
        var lab = Yaml.Get(map, "lab") is { } l ? Lab(l, null) : null;
        if (patient is null && medication is null && lab is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'when' needs patient, medication or lab.");
            return null;
        }

        return new RuleWhen(patient, medication, lab);
    }

    public static string Describe(RuleWhen when) =>
        when.Medication?.Description ?? when.Lab?.ToString() ?? "patient criteria";

    public DrugSelector? Selector(YamlNode? node, string what, YamlNode? required = null)
    {
        if (node is null)
        {
            if (required is not null)
            {
                Yaml.Error(InputIssueCodes.RuleRequired, required, $"{what} is required: {{ atc: [...], names: [...] }}.");
            }

            return null;
        }

        if (Yaml.Map(node, what) is not { } map)
        {
            return null;
        }

        Yaml.CheckKeys(map, what, "atc", "names", "except", "usedLongerThan");
        var include = new List<string>();
        foreach (var atc in Yaml.Strings(map, "atc"))
        {
            CheckAtc(Yaml.Get(map, "atc")!, atc);
            include.Add(atc.ToUpperInvariant());
        }

        foreach (var name in Yaml.Strings(map, "names"))
        {
            if (knowledge.FindByName(NameNormalizer.Normalize(name)) is { } match)
            {
                include.AddRange(match.Substances.Select(s => s.Key));
            }
            else
            {
                Yaml.Error(InputIssueCodes.RuleUnknownSubstance, Yaml.Get(map, "names")!, $"Unknown substance name '{name}': it is not in the knowledge base.{Spelling.DidYouMean(NameNormalizer.Normalize(name), knowledge.Names)}");
            }
        }

        if (include.Count == 0)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, $"{what} names no substance: give 'atc' or 'names'.");
            return null;
        }

        var except = Yaml.Map(Yaml.Get(map, "except"), "'except'");
        if (except is not null)
        {
            Yaml.CheckKeys(except, "'except'", "atc", "route", "form", "use");
        }

        var use = Yaml.Strings(except, "use");
        foreach (var value in use.Where(u => u != "as-needed"))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(except, "use")!, $"'{value}' is not a use that can be left out: write use: [as-needed] (lines whose dosage says as needed).");
        }

        var exceptAtc = Yaml.Strings(except, "atc").Select(a => a.ToUpperInvariant()).ToList();
        exceptAtc.ForEach(a => CheckAtc(Yaml.Get(except, "atc")!, a));
        if (include.All(i => exceptAtc.Any(e => ClinicalCodes.Matches(i.TrimEnd('*'), e))))
        {
            Yaml.Error(InputIssueCodes.RuleNeverHolds, except!, $"{what} can never match: 'except' removes everything it includes.");
        }

        var used = Duration(map, "usedLongerThan");
        var description = string.Join(", ", Yaml.Strings(map, "atc").Concat(Yaml.Strings(map, "names"))) + (used is null ? "" : $" used longer than {used}")
            + (use.Contains("as-needed") ? " (not as needed)" : "");
        return new DrugSelector(include.Distinct(StringComparer.Ordinal).ToList(), exceptAtc, Yaml.Strings(except, "route"), Yaml.Strings(except, "form"), description, used, use.Contains("as-needed"));
    }

    /// <summary>A treatment duration (<c>8 weeks</c>); anything else is an error and <see langword="null"/>.</summary>
    public TreatmentDuration? Duration(YamlMappingNode? map, string key)
    {
        if (Yaml.String(map, key) is not { } text)
        {
            return null;
        }

        if (TreatmentDuration.TryParse(text) is { } duration)
        {
            return duration;
        }

        Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, key)!, $"'{key}' must be a whole number of days, weeks, months or years up to {TreatmentDuration.MaxDays} days (such as '8 weeks'), found '{InputError.Cut(text)}'.");
        return null;
    }

    public void CheckAtc(YamlNode node, string pattern)
    {
        var code = pattern.TrimEnd('*').ToUpperInvariant();
        if (!AtcCode.IsValid(code))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, node, $"'{pattern}' is not an ATC code or prefix (such as B01AA03 or M01A*).");
        }
    }

    public PatientCriteria? Patient(YamlNode? node, YamlNode? required)
    {
        if (node is null)
        {
            if (required is not null)
            {
                Yaml.Error(InputIssueCodes.RuleRequired, required, "'patient' is required.");
            }

            return null;
        }

        if (Yaml.Map(node, "'patient'") is not { } map)
        {
            return null;
        }

        Yaml.CheckKeys(map, "'patient'", "age", "sex", "pregnant", "weight", "conditions", "allergies", "withoutIndication");
        var age = Yaml.Comparison(map, "age");
        if (age is not null && (age.Value < 0 || age.Value > 130 || (age.Operator is "<" or "<=" && age.Value <= 0)))
        {
            Yaml.Error(InputIssueCodes.RuleNeverHolds, Yaml.Get(map, "age")!, $"The age condition '{age}' can never hold.");
        }

        var weight = Yaml.Comparison(map, "weight");
        if (weight is not null && (weight.Value <= 0 || weight.Value > 500))
        {
            Yaml.Error(InputIssueCodes.RuleNeverHolds, Yaml.Get(map, "weight")!, $"The weight condition '{weight}' can never hold.");
        }

        var sex = Yaml.String(map, "sex");
        if (sex is not null and not ("female" or "male" or "other"))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "sex")!, $"'sex' must be female, male or other, found '{sex}'.");
        }

        var conditions = Codes(map, "conditions");
        var allergies = Codes(map, "allergies");
        var withoutIndication = Codes(map, "withoutIndication");
        var pregnant = Yaml.Boolean(map, "pregnant");
        if (age is null && sex is null && pregnant is null && weight is null && conditions.Count == 0 && allergies.Count == 0 && withoutIndication.Count == 0)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'patient' states no criterion.");
        }

        return new PatientCriteria(age, sex, pregnant, weight, conditions, allergies, withoutIndication);
    }

    public List<string> Codes(YamlMappingNode map, string key)
    {
        var codes = new List<string>();
        foreach (var code in Yaml.Strings(map, key))
        {
            var colon = code.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, key)!, $"'{code}' needs a code system: icd10:CODE, icpc2:CODE, snomed:CODE, atc:CODE or name:NAME.");
                continue;
            }

            var system = code[..colon];
            var value = code[(colon + 1)..];
            codes.Add(system == "name" ? "name:" + NameNormalizer.Normalize(value) : ClinicalCodes.Key(system, value));
        }

        return codes;
    }

    public LabCriterion? Lab(YamlNode? node, YamlNode? required)
    {
        if (node is null)
        {
            if (required is not null)
            {
                Yaml.Error(InputIssueCodes.RuleRequired, required, "'lab' is required: { test: egfr, below: 30 }.");
            }

            return null;
        }

        if (Yaml.Map(node, "'lab'") is not { } map)
        {
            return null;
        }

        Yaml.CheckKeys(map, "'lab'", "test", "below", "above", "maxAgeDays", "trend", "projectBelow", "projectAbove");
        var test = Yaml.String(map, "test", required: true)?.ToLowerInvariant();
        if (test is not null && !LabFacts.TestNames.Contains(test) && !test.StartsWith("loinc:", StringComparison.Ordinal))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "test")!, $"Unknown test '{test}'; expected {string.Join(", ", LabFacts.TestNames)} or loinc:CODE.");
        }

        var below = Yaml.Number(map, "below");
        var above = Yaml.Number(map, "above");
        var trend = Yaml.Get(map, "trend") is { } t ? Trend(t) : null;
        var (projectBelow, projectAbove) = (Yaml.Number(map, "projectBelow"), Yaml.Number(map, "projectAbove"));
        if ((projectBelow ?? projectAbove) is not null && Yaml.Get(map, "trend") is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'projectBelow' and 'projectAbove' need a 'trend' to project.");
        }

        if (below is null && above is null && Yaml.Get(map, "trend") is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'lab' needs 'below', 'above' or 'trend'.");
        }
        else if ((below is not null && below <= 0) || (below is not null && above is not null && below <= above))
        {
            Yaml.Error(InputIssueCodes.RuleNeverHolds, map, $"The lab condition can never hold (below {below}, above {above}).");
        }

        var maxAge = Yaml.Integer(map, "maxAgeDays", 0, 36_500);
        return test is null ? null : new LabCriterion(test, below, above, maxAge, trend, projectBelow, projectAbove);
    }

    /// <summary>Reads <c>trend: { over: 12 months, slopeBelow: -5, per: year, atLeast: 3 }</c>.</summary>
    private LabTrend? Trend(YamlNode node)
    {
        if (Yaml.Map(node, "'trend'") is not { } map)
        {
            return null;
        }

        Yaml.CheckKeys(map, "'trend'", "over", "slopeBelow", "slopeAbove", "per", "atLeast");
        var overText = Yaml.String(map, "over", required: true);
        var over = overText is null ? null : TreatmentDuration.TryParse(overText);
        if (overText is not null && over is null)
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "over")!, $"'over' must be a length such as '12 months' or '2 years', found '{overText}'.");
        }

        var per = Yaml.String(map, "per") ?? "year";
        if (per is not ("year" or "month"))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "per")!, $"'per' must be 'year' or 'month', found '{per}'.");
        }

        var perYear = per == "month" ? 12 : 1;
        var (slopeBelow, slopeAbove) = (Yaml.Number(map, "slopeBelow") * perYear, Yaml.Number(map, "slopeAbove") * perYear);
        if (slopeBelow is null && slopeAbove is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'trend' needs 'slopeBelow' or 'slopeAbove'.");
        }
        else if (slopeBelow is not null && slopeAbove is not null && slopeBelow <= slopeAbove)
        {
            Yaml.Error(InputIssueCodes.RuleNeverHolds, map, $"The trend can never hold (slope below {slopeBelow}, above {slopeAbove}).");
        }

        var atLeast = Yaml.Integer(map, "atLeast", 2, 1_000);
        if (Yaml.Get(map, "atLeast") is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'trend' needs 'atLeast': the fewest values (2 or more) the slope is fitted to.");
        }

        return over is null || atLeast is null || (slopeBelow is null && slopeAbove is null) ? null : new LabTrend(over, slopeBelow, slopeAbove, atLeast.Value);
    }

    public decimal? Milligrams(YamlMappingNode map, string key)
    {
        var text = Yaml.String(map, key);
        if (text is null)
        {
            return null;
        }

        var perKg = text.EndsWith("/kg", StringComparison.OrdinalIgnoreCase);
        if (Quantity.TryParse(perKg ? text[..^3] : text, out var quantity) && quantity!.Unit.Dimension == Dimension.Mass && quantity.Value > 0)
        {
            return quantity.ToCanonical().Value;
        }

        Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, key)!, $"'{key}' must be a positive mass such as '4000 mg' or '4 g', found '{text}'.");
        return null;
    }
}
