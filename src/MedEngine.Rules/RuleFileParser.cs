using MedEngine.Findings;
using System.Globalization;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// Parses rule files (<c>docs/rule-files.md</c>): one or more YAML documents, each one rule. Substance names are resolved
/// against the knowledge base; every problem is reported with file, line and column, and parsing goes on.
/// </summary>
internal sealed class RuleFileParser(IKnowledgeBase knowledge, string file, List<InputError> errors)
{
    private static readonly string[] CommonKeys =
    [
        "id", "version", "kind", "title", "message", "severity", "handling", "mechanism", "evidence", "references", "tags", "author",
        "reviewed", "modifiers", "examples",
    ];

    private static readonly Dictionary<string, string[]> KindKeys = new(StringComparer.Ordinal)
    {
        ["interaction"] = ["between"],
        ["interaction-table"] = ["table"],
        ["duplicate"] = ["drug", "same", "level"],
        ["drug-patient"] = ["drug", "patient"],
        ["drug-condition"] = ["drug", "patient"],
        ["drug-lab"] = ["drug", "lab"],
        ["dose-limit"] = ["drug", "limits"],
        ["cumulative"] = ["drug", "factors", "threshold", "unit", "per"],
        ["missing-therapy"] = ["patient", "lab", "missing"],
    };

    private readonly YamlNodes _yaml = new(file, errors);

    /// <summary>The kinds of rule the format has.</summary>
    public static IReadOnlyCollection<string> Kinds => KindKeys.Keys;

    public List<ClinicalRule> Parse(TextReader text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            errors.Add(new InputError(InputIssueCodes.RuleYamlSyntax, file, "YAML syntax: " + (e.InnerException?.Message ?? e.Message)) { Line = (int)e.Start.Line, Column = (int)e.Start.Column });
            return [];
        }

        var rules = new List<ClinicalRule>();
        foreach (var document in stream.Documents)
        {
            if (_yaml.Map(document.RootNode, "A rule") is { } map && ParseRule(map) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private ClinicalRule? ParseRule(YamlMappingNode map)
    {
        var before = errors.Count;
        var kind = _yaml.String(map, "kind", required: true);
        if (kind is not null && !KindKeys.ContainsKey(kind))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "kind")!, $"Unknown kind '{kind}'; expected one of {string.Join(", ", KindKeys.Keys)}.");
            kind = null;
        }

        _yaml.CheckKeys(map, "a rule" + (kind is null ? "" : $" of kind {kind}"), [.. CommonKeys, .. kind is null ? KindKeys.Values.SelectMany(k => k).Distinct() : KindKeys[kind]]);
        var id = _yaml.String(map, "id", required: true);
        var version = _yaml.Number(map, "version");
        if (_yaml.Get(map, "version") is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, "'version' is required.");
        }

        var severityText = _yaml.String(map, "severity", required: true);
        var severity = Severity.Info;
        if (severityText is not null && !Severities.TryParse(severityText, out severity))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "severity")!, $"Unknown severity '{severityText}'; expected contraindicated, avoid, caution or info.");
        }

        var reviewedText = _yaml.String(map, "reviewed");
        DateOnly? reviewed = null;
        if (reviewedText is not null)
        {
            if (DateOnly.TryParseExact(reviewedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reviewed = date;
            }
            else
            {
                _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "reviewed")!, $"'reviewed' must be a date yyyy-MM-dd, found '{reviewedText}'.");
            }
        }

        var title = _yaml.Text(map, "title", required: true);
        var message = _yaml.Text(map, "message", required: true);
        var condition = kind is null ? null : ParseCondition(kind, map);
        var modifiers = ParseModifiers(map);
        var examples = ParseExamples(map);
        if (errors.Count > before || id is null || condition is null)
        {
            return null;
        }

        return new ClinicalRule
        {
            Id = id,
            Version = (int)(version ?? 1),
            Kind = kind!,
            Title = title,
            Message = message,
            Severity = severity,
            Handling = _yaml.Text(map, "handling", required: false),
            Mechanism = _yaml.String(map, "mechanism"),
            Evidence = _yaml.String(map, "evidence"),
            References = _yaml.Strings(map, "references"),
            Tags = _yaml.Strings(map, "tags"),
            Author = _yaml.String(map, "author"),
            Reviewed = reviewed,
            Condition = condition,
            Modifiers = modifiers,
            Examples = examples,
            File = file,
            Line = (int)map.Start.Line,
        };
    }

    private RuleCondition? ParseCondition(string kind, YamlMappingNode map)
    {
        switch (kind)
        {
            case "interaction":
                if (_yaml.Get(map, "between") is not YamlSequenceNode { Children.Count: >= 2 } between)
                {
                    _yaml.Error(InputIssueCodes.RuleRequired, _yaml.Get(map, "between") ?? map, "'between' must list two or more substance groups.");
                    return null;
                }

                var groups = between.Children.Select(g => Selector(g, "a group of 'between'")).ToList();
                return groups.All(g => g is not null) ? new InteractionCondition(groups!) : null;
            case "interaction-table":
                return Table(map);
            case "duplicate":
                return Duplicate(map);
            case "drug-patient" or "drug-condition":
                var drug = Selector(_yaml.Get(map, "drug"), "'drug'", required: map);
                var patient = Patient(_yaml.Get(map, "patient"), required: map);
                return drug is null || patient is null ? null : new DrugPatientCondition(drug, patient);
            case "drug-lab":
                var labDrug = Selector(_yaml.Get(map, "drug"), "'drug'", required: map);
                var lab = Lab(_yaml.Get(map, "lab"), required: map);
                return labDrug is null || lab is null ? null : new DrugLabCondition(labDrug, lab);
            case "dose-limit":
                return DoseLimit(map);
            case "cumulative":
                return Cumulative(map);
            default:
                var missing = Selector(_yaml.Get(map, "missing"), "'missing'", required: map);
                var who = _yaml.Get(map, "patient") is { } p ? Patient(p, null) : null;
                var value = _yaml.Get(map, "lab") is { } l ? Lab(l, null) : null;
                if (who is null && value is null)
                {
                    _yaml.Error(InputIssueCodes.RuleRequired, map, "A missing-therapy rule needs 'patient' or 'lab': the situation in which the therapy is missing.");
                    return null;
                }

                return missing is null ? null : new MissingTherapyCondition(who, value, missing);
        }
    }

    private InteractionTableCondition? Table(YamlMappingNode map)
    {
        var path = _yaml.String(map, "table", required: true);
        if (path is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", path));
        try
        {
            return new InteractionTableCondition(InteractionTable.Load(full));
        }
        catch (InputException e)
        {
            errors.AddRange(e.Errors);
            return null;
        }
    }

    private DuplicateCondition? Duplicate(YamlMappingNode map)
    {
        var drug = Selector(_yaml.Get(map, "drug"), "'drug'", required: map);
        var sameText = _yaml.String(map, "same") ?? "substance";
        DuplicateMode? same = sameText switch { "substance" => DuplicateMode.Substance, "group" => DuplicateMode.Group, "any" => DuplicateMode.Any, _ => null };
        if (same is null)
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "same")!, $"'same' must be substance, group or any, found '{sameText}'.");
        }

        var level = (int)(_yaml.Number(map, "level") ?? 4);
        if (same == DuplicateMode.Group && level is < 1 or > 4)
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "level") ?? map, "'level' must be an ATC level from 1 to 4 for same: group.");
        }

        return drug is null || same is null ? null : new DuplicateCondition(drug, same.Value, level);
    }

    private DoseLimitCondition? DoseLimit(YamlMappingNode map)
    {
        var drug = Selector(_yaml.Get(map, "drug"), "'drug'", required: map);
        if (_yaml.Get(map, "limits") is not YamlSequenceNode { Children.Count: > 0 } limits)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, _yaml.Get(map, "limits") ?? map, "'limits' must list one or more bands: { when: ..., maxDaily: '4000 mg' }.");
            return null;
        }

        var bands = new List<DoseBand>();
        foreach (var node in limits)
        {
            if (_yaml.Map(node, "A dose band") is not { } band)
            {
                continue;
            }

            _yaml.CheckKeys(band, "a dose band", "when", "maxDaily", "maxSingle", "maxDailyPerKg");
            var when = _yaml.Get(band, "when") is { } w ? When(w) : null;
            if (when?.Medication is not null)
            {
                _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(band, "when")!, "A dose band depends on the patient and lab values only, not on other medications.");
            }

            var daily = Milligrams(band, "maxDaily");
            var single = Milligrams(band, "maxSingle");
            var perKg = Milligrams(band, "maxDailyPerKg");
            if (daily is null && single is null && perKg is null)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, band, "A dose band needs maxDaily, maxSingle or maxDailyPerKg.");
            }

            bands.Add(new DoseBand(when, daily, single, perKg));
        }

        return drug is null ? null : new DoseLimitCondition(drug, bands);
    }

    private CumulativeCondition? Cumulative(YamlMappingNode map)
    {
        var drug = Selector(_yaml.Get(map, "drug"), "'drug'", required: map);
        var threshold = _yaml.Number(map, "threshold");
        if (threshold is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, _yaml.Get(map, "threshold") ?? map, "'threshold' is required: the total above which the rule fires.");
        }

        var per = _yaml.String(map, "per") ?? "mg";
        if (per is not ("mg" or "line"))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "per")!, $"'per' must be mg (factors per mg of daily dose) or line (points per line), found '{per}'.");
        }

        var factors = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (_yaml.Map(_yaml.Get(map, "factors"), "'factors'") is { Children.Count: > 0 } table)
        {
            foreach (var (key, value) in table.Children)
            {
                var code = ((YamlScalarNode)key).Value ?? "";
                CheckAtc(key, code);
                if (value is YamlScalarNode { Value: { } text } && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor))
                {
                    factors[code] = factor;
                }
                else
                {
                    _yaml.Error(InputIssueCodes.RuleShape, value, $"The factor of '{code}' must be a number.");
                }
            }
        }
        else
        {
            _yaml.Error(InputIssueCodes.RuleShape, _yaml.Get(map, "factors") ?? map, "'factors' must map ATC codes or prefixes to numbers.");
        }

        return drug is null || threshold is null ? null : new CumulativeCondition(drug, factors, threshold.Value, _yaml.String(map, "unit") ?? "", per == "line");
    }

    private List<SeverityModifier> ParseModifiers(YamlMappingNode map)
    {
        var modifiers = new List<SeverityModifier>();
        if (_yaml.Get(map, "modifiers") is not { } node)
        {
            return modifiers;
        }

        if (node is not YamlSequenceNode list)
        {
            _yaml.Error(InputIssueCodes.RuleShape, node, "'modifiers' must be a list.");
            return modifiers;
        }

        foreach (var item in list)
        {
            if (_yaml.Map(item, "A modifier") is not { } modifier)
            {
                continue;
            }

            _yaml.CheckKeys(modifier, "a modifier", "when", "raise", "lower", "because");
            var raise = _yaml.Number(modifier, "raise") ?? 0;
            var lower = _yaml.Number(modifier, "lower") ?? 0;
            if ((raise == 0) == (lower == 0) || raise < 0 || lower < 0)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, modifier, "A modifier needs either 'raise' or 'lower' with a positive number of steps.");
            }

            var when = _yaml.Get(modifier, "when") is { } w ? When(w) : null;
            if (when is null)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, modifier, "A modifier needs 'when'.");
                continue;
            }

            modifiers.Add(new SeverityModifier(when, (int)(raise - lower), _yaml.String(modifier, "because") ?? Describe(when)));
        }

        return modifiers;
    }

    private RuleWhen? When(YamlNode node)
    {
        if (_yaml.Map(node, "'when'") is not { } map)
        {
            return null;
        }

        _yaml.CheckKeys(map, "'when'", "patient", "medication", "lab");
        var patient = _yaml.Get(map, "patient") is { } p ? Patient(p, null) : null;
        var medication = _yaml.Get(map, "medication") is { } m ? Selector(m, "'medication'") : null;
        var lab = _yaml.Get(map, "lab") is { } l ? Lab(l, null) : null;
        if (patient is null && medication is null && lab is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, "'when' needs patient, medication or lab.");
            return null;
        }

        return new RuleWhen(patient, medication, lab);
    }

    private static string Describe(RuleWhen when) =>
        when.Medication?.Description ?? when.Lab?.ToString() ?? "patient criteria";

    private DrugSelector? Selector(YamlNode? node, string what, YamlNode? required = null)
    {
        if (node is null)
        {
            if (required is not null)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, required, $"{what} is required: {{ atc: [...], names: [...] }}.");
            }

            return null;
        }

        if (_yaml.Map(node, what) is not { } map)
        {
            return null;
        }

        _yaml.CheckKeys(map, what, "atc", "names", "except");
        var include = new List<string>();
        foreach (var atc in _yaml.Strings(map, "atc"))
        {
            CheckAtc(_yaml.Get(map, "atc")!, atc);
            include.Add(atc.ToUpperInvariant());
        }

        foreach (var name in _yaml.Strings(map, "names"))
        {
            if (knowledge.FindByName(NameNormalizer.Normalize(name)) is { } match)
            {
                include.AddRange(match.Substances.Select(s => s.Key));
            }
            else
            {
                _yaml.Error(InputIssueCodes.RuleUnknownSubstance, _yaml.Get(map, "names")!, $"Unknown substance name '{name}': it is not in the knowledge base.");
            }
        }

        if (include.Count == 0)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, $"{what} names no substance: give 'atc' or 'names'.");
            return null;
        }

        var except = _yaml.Map(_yaml.Get(map, "except"), "'except'");
        if (except is not null)
        {
            _yaml.CheckKeys(except, "'except'", "atc", "route", "form");
        }

        var exceptAtc = _yaml.Strings(except, "atc").Select(a => a.ToUpperInvariant()).ToList();
        exceptAtc.ForEach(a => CheckAtc(_yaml.Get(except, "atc")!, a));
        if (include.All(i => exceptAtc.Any(e => ClinicalCodes.Matches(i.TrimEnd('*'), e))))
        {
            _yaml.Error(InputIssueCodes.RuleNeverHolds, except!, $"{what} can never match: 'except' removes everything it includes.");
        }

        var description = string.Join(", ", _yaml.Strings(map, "atc").Concat(_yaml.Strings(map, "names")));
        return new DrugSelector(include.Distinct(StringComparer.Ordinal).ToList(), exceptAtc, _yaml.Strings(except, "route"), _yaml.Strings(except, "form"), description);
    }

    private void CheckAtc(YamlNode node, string pattern)
    {
        var code = pattern.TrimEnd('*').ToUpperInvariant();
        if (!AtcCode.IsValid(code))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, node, $"'{pattern}' is not an ATC code or prefix (such as B01AA03 or M01A*).");
        }
    }

    private PatientCriteria? Patient(YamlNode? node, YamlNode? required)
    {
        if (node is null)
        {
            if (required is not null)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, required, "'patient' is required.");
            }

            return null;
        }

        if (_yaml.Map(node, "'patient'") is not { } map)
        {
            return null;
        }

        _yaml.CheckKeys(map, "'patient'", "age", "sex", "pregnant", "weight", "conditions", "allergies");
        var age = _yaml.Comparison(map, "age");
        if (age is not null && (age.Value < 0 || age.Value > 130 || (age.Operator is "<" or "<=" && age.Value <= 0)))
        {
            _yaml.Error(InputIssueCodes.RuleNeverHolds, _yaml.Get(map, "age")!, $"The age condition '{age}' can never hold.");
        }

        var weight = _yaml.Comparison(map, "weight");
        if (weight is not null && (weight.Value <= 0 || weight.Value > 500))
        {
            _yaml.Error(InputIssueCodes.RuleNeverHolds, _yaml.Get(map, "weight")!, $"The weight condition '{weight}' can never hold.");
        }

        var sex = _yaml.String(map, "sex");
        if (sex is not null and not ("female" or "male" or "other"))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "sex")!, $"'sex' must be female, male or other, found '{sex}'.");
        }

        var conditions = Codes(map, "conditions");
        var allergies = Codes(map, "allergies");
        var pregnant = _yaml.Boolean(map, "pregnant");
        if (age is null && sex is null && pregnant is null && weight is null && conditions.Count == 0 && allergies.Count == 0)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, "'patient' states no criterion.");
        }

        return new PatientCriteria(age, sex, pregnant, weight, conditions, allergies);
    }

    private List<string> Codes(YamlMappingNode map, string key)
    {
        var codes = new List<string>();
        foreach (var code in _yaml.Strings(map, key))
        {
            var colon = code.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, key)!, $"'{code}' needs a code system: icd10:CODE, icpc2:CODE, snomed:CODE, atc:CODE or name:NAME.");
                continue;
            }

            var system = code[..colon];
            var value = code[(colon + 1)..];
            codes.Add(system == "name" ? "name:" + NameNormalizer.Normalize(value) : ClinicalCodes.Key(system, value));
        }

        return codes;
    }

    private LabCriterion? Lab(YamlNode? node, YamlNode? required)
    {
        if (node is null)
        {
            if (required is not null)
            {
                _yaml.Error(InputIssueCodes.RuleRequired, required, "'lab' is required: { test: egfr, below: 30 }.");
            }

            return null;
        }

        if (_yaml.Map(node, "'lab'") is not { } map)
        {
            return null;
        }

        _yaml.CheckKeys(map, "'lab'", "test", "below", "above", "maxAgeDays");
        var test = _yaml.String(map, "test", required: true)?.ToLowerInvariant();
        if (test is not null && !LabFacts.TestNames.Contains(test) && !test.StartsWith("loinc:", StringComparison.Ordinal))
        {
            _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, "test")!, $"Unknown test '{test}'; expected {string.Join(", ", LabFacts.TestNames)} or loinc:CODE.");
        }

        var below = _yaml.Number(map, "below");
        var above = _yaml.Number(map, "above");
        if (below is null && above is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, "'lab' needs 'below' or 'above'.");
        }
        else if ((below is not null && below <= 0) || (below is not null && above is not null && below <= above))
        {
            _yaml.Error(InputIssueCodes.RuleNeverHolds, map, $"The lab condition can never hold (below {below}, above {above}).");
        }

        var maxAge = _yaml.Number(map, "maxAgeDays");
        return test is null ? null : new LabCriterion(test, below, above, maxAge is null ? null : (int)maxAge);
    }

    private decimal? Milligrams(YamlMappingNode map, string key)
    {
        var text = _yaml.String(map, key);
        if (text is null)
        {
            return null;
        }

        var perKg = text.EndsWith("/kg", StringComparison.OrdinalIgnoreCase);
        if (Quantity.TryParse(perKg ? text[..^3] : text, out var quantity) && quantity!.Unit.Dimension == Dimension.Mass && quantity.Value > 0)
        {
            return quantity.ToCanonical().Value;
        }

        _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(map, key)!, $"'{key}' must be a positive mass such as '4000 mg' or '4 g', found '{text}'.");
        return null;
    }

    private List<RuleExample> ParseExamples(YamlMappingNode map)
    {
        var examples = new List<RuleExample>();
        if (_yaml.Get(map, "examples") is not { } node)
        {
            return examples;
        }

        if (node is not YamlSequenceNode list)
        {
            _yaml.Error(InputIssueCodes.RuleShape, node, "'examples' must be a list.");
            return examples;
        }

        foreach (var item in list)
        {
            if (_yaml.Map(item, "An example") is { } example && Example(example) is { } parsed)
            {
                examples.Add(parsed);
            }
        }

        return examples;
    }

    private RuleExample? Example(YamlMappingNode map)
    {
        _yaml.CheckKeys(map, "an example", "name", "patient", "medications", "expect");
        var name = _yaml.String(map, "name") ?? $"example at line {map.Start.Line}";
        var patientMap = _yaml.Map(_yaml.Get(map, "patient"), "The example's 'patient'");
        if (patientMap is not null)
        {
            _yaml.CheckKeys(patientMap, "the example's 'patient'", "age", "sex", "pregnant", "weight", "conditions", "allergies", "labs");
        }

        var labs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (_yaml.Map(_yaml.Get(patientMap, "labs"), "'labs'") is { } labMap)
        {
            foreach (var test in labMap.Children.Keys.OfType<YamlScalarNode>())
            {
                if (_yaml.Number(labMap, test.Value!) is { } value)
                {
                    labs[test.Value!.ToLowerInvariant()] = value;
                }
            }
        }

        var patient = new PatientContext
        {
            Sex = _yaml.String(patientMap, "sex"),
            Pregnant = _yaml.Boolean(patientMap, "pregnant"),
            WeightKg = _yaml.Number(patientMap, "weight"),
            Conditions = patientMap is null ? [] : Codes(patientMap, "conditions").Select(ToCode).ToList(),
            Allergies = patientMap is null ? [] : Codes(patientMap, "allergies").Select(ToCode).ToList(),
        };
        var medications = Medications(map);
        var expect = _yaml.Map(_yaml.Get(map, "expect"), "'expect'");
        if (expect is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, map, "An example needs 'expect: { fires: true|false, severity: ... }'.");
            return null;
        }

        _yaml.CheckKeys(expect, "'expect'", "fires", "severity");
        var fires = _yaml.Boolean(expect, "fires");
        if (fires is null)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, expect, "'expect' needs 'fires: true' or 'fires: false'.");
        }

        Severity? severity = null;
        if (_yaml.String(expect, "severity") is { } text)
        {
            if (Severities.TryParse(text, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                _yaml.Error(InputIssueCodes.RuleInvalidValue, _yaml.Get(expect, "severity")!, $"Unknown severity '{text}'.");
            }
        }

        var age = _yaml.Number(patientMap, "age");
        return new RuleExample(name, patient, age is null ? null : (int)age, labs, medications, fires ?? false, severity, (int)map.Start.Line);
    }

    private static ClinicalCode ToCode(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new ClinicalCode(key[..colon], key[(colon + 1)..], key.StartsWith("name:", StringComparison.Ordinal) ? key[5..] : null);
    }

    private List<MedicationEntry> Medications(YamlMappingNode map)
    {
        var medications = new List<MedicationEntry>();
        if (_yaml.Get(map, "medications") is not YamlSequenceNode list)
        {
            _yaml.Error(InputIssueCodes.RuleRequired, _yaml.Get(map, "medications") ?? map, "An example needs 'medications': a list of names or { name, dosage, route, atc }.");
            return medications;
        }

        foreach (var item in list)
        {
            var id = $"m{medications.Count + 1}";
            if (item is YamlScalarNode { Value: { Length: > 0 } name })
            {
                medications.Add(new MedicationEntry { EntryId = id, Name = name, Status = EntryStatus.Active });
            }
            else if (_yaml.Map(item, "A medication") is { } medication)
            {
                _yaml.CheckKeys(medication, "a medication", "name", "dosage", "route", "atc");
                var atc = _yaml.String(medication, "atc");
                medications.Add(new MedicationEntry
                {
                    EntryId = id,
                    Name = _yaml.String(medication, "name", required: atc is null),
                    DosageText = _yaml.String(medication, "dosage"),
                    Route = _yaml.String(medication, "route"),
                    Codings = atc is null ? [] : [new MedicationCoding(CodeSystem.Atc, atc)],
                    Status = EntryStatus.Active,
                });
            }
        }

        return medications;
    }
}
