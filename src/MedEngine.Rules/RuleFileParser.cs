using MedEngine.Findings;
using System.Globalization;
using MedEngine.Knowledge;
using MedEngine.Model;
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
        "reviewed", "settings", "modifiers", "examples",
    ];

    /// <summary>The most steps a modifier moves a severity: from info to contraindicated.</summary>
    private const int MaxSteps = 3;

    private readonly RuleSyntax _syntax = new(knowledge, file, errors);

    private YamlNodes Yaml => _syntax.Yaml;

    /// <summary>
    /// Reads a rule file's text: each YAML document (rule) within its limits (<see cref="RuleFileLimits"/>), then every rule with
    /// every error. The documents are read one by one, so a syntax error in one rule does not hide the errors of the others;
    /// positions stay those of the file.
    /// </summary>
    public List<ClinicalRule> Parse(string text)
    {
        var rules = new List<ClinicalRule>();
        if (text.Length > RuleFileLimits.MaxChars && RuleFileLimits.Check(text, file) is { } tooLong)
        {
            errors.Add(tooLong);
            return rules;
        }

        foreach (var document in Documents(text))
        {
            var stream = new YamlStream();
            try
            {
                if (RuleFileLimits.Check(document, file) is { } limit)
                {
                    errors.Add(limit);
                    continue;
                }

                stream.Load(new StringReader(document));
            }
            catch (YamlException e)
            {
                var message = e.InnerException?.Message ?? e.Message;
                var (line, column) = message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndentation(document, (int)e.Start.Line) is { } tab ? tab : ((int)e.Start.Line, (int)e.Start.Column);
                errors.Add(new InputError(InputIssueCodes.RuleYamlSyntax, file, "YAML syntax: " + InputError.Cut(message)) { Line = line, Column = column });
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // YamlDotNet throws other exceptions for a few malformed constructs instead of a YamlException (an
                // InvalidOperationException for a stray "}", an ArgumentException for a key without a name where a list item
                // was: "references:\n  : x"). Whatever it throws, the text is not YAML the parser can read: a syntax error.
                errors.Add(new InputError(InputIssueCodes.RuleYamlSyntax, file, "YAML syntax: " + InputError.Cut(e.Message)));
                continue;
            }

            foreach (var yaml in stream.Documents)
            {
                if (Yaml.Map(yaml.RootNode, "A rule") is { } map && ParseRule(map) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        return rules;
    }

    /// <summary>
    /// Where a tab indents a line, from a line on: YamlDotNet reports a tab in indentation at the start of the mapping it was
    /// scanning (often line 1), not at the tab.
    /// </summary>
    private static (int Line, int Column)? TabIndentation(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].IndexOf('\t', 0, indent) is var at and >= 0)
            {
                return (i + 1, at + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// The file's YAML documents, split at each <c>---</c> line, each preceded by as many empty lines as come before it in the
    /// file, so that YAML positions are the file's.
    /// </summary>
    private static IEnumerable<string> Documents(string text)
    {
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 1; i <= lines.Length; i++)
        {
            if (i == lines.Length || (lines[i].StartsWith("---", StringComparison.Ordinal) && (lines[i].Length == 3 || char.IsWhiteSpace(lines[i][3]))))
            {
                yield return new string('\n', start) + string.Join('\n', lines[start..i]);
                start = i;
            }
        }
    }

    private ClinicalRule? ParseRule(YamlMappingNode map)
    {
        var before = errors.Count;
        var kindName = Yaml.String(map, "kind", required: true);
        var kind = kindName is null ? null : RuleKind.All.GetValueOrDefault(kindName);
        if (kindName is not null && kind is null)
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "kind")!, $"Unknown kind '{kindName}'.{Spelling.DidYouMean(kindName, RuleKind.All.Keys)} Expected one of {string.Join(", ", RuleKind.All.Keys)}.");
        }

        Yaml.CheckKeys(map, "a rule" + (kind is null ? "" : $" of kind {kind.Name}"), [.. CommonKeys, .. kind is null ? RuleKind.All.Values.SelectMany(k => k.Keys).Distinct() : kind.Keys]);
        var id = Yaml.String(map, "id", required: true);
        var version = Yaml.Integer(map, "version", 1, int.MaxValue);
        if (Yaml.Get(map, "version") is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "'version' is required.");
        }

        var severityText = Yaml.String(map, "severity", required: true);
        var severity = Severity.Info;
        if (severityText is not null && !Severities.TryParse(severityText, out severity))
        {
            Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "severity")!, $"Unknown severity '{severityText}'.{Spelling.DidYouMean(severityText, Severities.Names)} Expected contraindicated, avoid, caution or info.");
        }

        var reviewedText = Yaml.String(map, "reviewed");
        DateOnly? reviewed = null;
        if (reviewedText is not null)
        {
            if (DateOnly.TryParseExact(reviewedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reviewed = date;
            }
            else
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "reviewed")!, $"'reviewed' must be a date yyyy-MM-dd, found '{reviewedText}'.");
            }
        }

        var title = Yaml.Text(map, "title", required: true);
        var message = Yaml.Text(map, "message", required: true);
        var condition = kind?.Parse(_syntax, map);
        var settings = ParseSettings(map);
        var modifiers = ParseModifiers(map);
        var examples = ParseExamples(map);
        if (errors.Count > before || id is null || condition is null)
        {
            return null;
        }

        return new ClinicalRule
        {
            Id = id,
            Version = version ?? 1,
            Kind = kind!.Name,
            Title = title,
            Message = message,
            Severity = severity,
            Handling = Yaml.Text(map, "handling", required: false),
            Mechanism = Yaml.String(map, "mechanism"),
            Evidence = Yaml.String(map, "evidence"),
            References = Yaml.Strings(map, "references"),
            Tags = Yaml.Strings(map, "tags"),
            Settings = settings,
            Author = Yaml.String(map, "author"),
            Reviewed = reviewed,
            Condition = condition,
            Modifiers = modifiers,
            Examples = examples,
            File = file,
            Line = (int)map.Start.Line,
        };
    }

    /// <summary>The care settings a rule applies in: <c>settings: [nursing-home]</c>; an unknown name is an error.</summary>
    private List<CareSetting> ParseSettings(YamlMappingNode map)
    {
        var settings = new List<CareSetting>();
        foreach (var name in Yaml.Strings(map, "settings"))
        {
            if (CareSettings.TryParse(name, out var setting))
            {
                settings.Add(setting);
            }
            else
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(map, "settings")!, $"'{InputError.Cut(name)}' is not a care setting; use {string.Join(", ", CareSettings.AllNames)}.");
            }
        }

        return settings;
    }

    private CareSetting? ExampleSetting(YamlMappingNode? patientMap)
    {
        if (Yaml.String(patientMap, "setting") is not { } name)
        {
            return null;
        }

        if (CareSettings.TryParse(name, out var setting))
        {
            return setting;
        }

        Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(patientMap, "setting")!, $"'{InputError.Cut(name)}' is not a care setting; use {string.Join(", ", CareSettings.AllNames)}.");
        return null;
    }

    private List<SeverityModifier> ParseModifiers(YamlMappingNode map)
    {
        var modifiers = new List<SeverityModifier>();
        if (Yaml.Get(map, "modifiers") is not { } node)
        {
            return modifiers;
        }

        if (node is not YamlSequenceNode list)
        {
            Yaml.Error(InputIssueCodes.RuleShape, node, "'modifiers' must be a list.");
            return modifiers;
        }

        foreach (var item in list)
        {
            if (Yaml.Map(item, "A modifier") is not { } modifier)
            {
                continue;
            }

            Yaml.CheckKeys(modifier, "a modifier", "when", "raise", "lower", "because");
            var raise = Yaml.Integer(modifier, "raise", 0, MaxSteps) ?? 0;
            var lower = Yaml.Integer(modifier, "lower", 0, MaxSteps) ?? 0;
            if ((raise == 0) == (lower == 0) || raise < 0 || lower < 0)
            {
                Yaml.Error(InputIssueCodes.RuleRequired, modifier, "A modifier needs either 'raise' or 'lower' with a positive number of steps.");
            }

            var when = Yaml.Get(modifier, "when") is { } w ? _syntax.When(w) : null;
            if (when is null)
            {
                Yaml.Error(InputIssueCodes.RuleRequired, modifier, "A modifier needs 'when'.");
                continue;
            }

            modifiers.Add(new SeverityModifier(when, raise - lower, Because(modifier, when)));
        }

        return modifiers;
    }

    /// <summary>A modifier's reason: <c>{ nb, en }</c>, or a plain string, which is English only (as is the generated one).</summary>
    private LocalizedText Because(YamlMappingNode modifier, RuleWhen when) => Yaml.Get(modifier, "because") switch
    {
        null => new LocalizedText("", RuleSyntax.Describe(when)),
        YamlScalarNode => new LocalizedText("", Yaml.String(modifier, "because") ?? RuleSyntax.Describe(when)),
        _ => Yaml.Text(modifier, "because", required: true),
    };

    private List<RuleExample> ParseExamples(YamlMappingNode map)
    {
        var examples = new List<RuleExample>();
        if (Yaml.Get(map, "examples") is not { } node)
        {
            return examples;
        }

        if (node is not YamlSequenceNode list)
        {
            Yaml.Error(InputIssueCodes.RuleShape, node, "'examples' must be a list.");
            return examples;
        }

        foreach (var item in list)
        {
            if (Yaml.Map(item, "An example") is { } example && Example(example) is { } parsed)
            {
                examples.Add(parsed);
            }
        }

        return examples;
    }

    private RuleExample? Example(YamlMappingNode map)
    {
        Yaml.CheckKeys(map, "an example", "name", "patient", "medications", "expect");
        var name = Yaml.String(map, "name") ?? $"example at line {map.Start.Line}";
        var patientMap = Yaml.Map(Yaml.Get(map, "patient"), "The example's 'patient'");
        if (patientMap is not null)
        {
            Yaml.CheckKeys(patientMap, "the example's 'patient'", "age", "sex", "pregnant", "weight", "setting", "conditions", "allergies", "labs");
        }

        var labs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var series = new Dictionary<string, IReadOnlyDictionary<int, decimal>>(StringComparer.Ordinal);
        if (Yaml.Map(Yaml.Get(patientMap, "labs"), "'labs'") is { } labMap)
        {
            foreach (var test in labMap.Children.Keys.OfType<YamlScalarNode>())
            {
                if (labMap.Children[test] is YamlMappingNode seriesMap)
                {
                    series[test.Value!.ToLowerInvariant()] = LabSeries(seriesMap);
                }
                else if (Yaml.Number(labMap, test.Value!) is { } value)
                {
                    labs[test.Value!.ToLowerInvariant()] = value;
                }
            }
        }

        var patient = new PatientContext
        {
            Sex = Yaml.String(patientMap, "sex"),
            Pregnant = Yaml.Boolean(patientMap, "pregnant"),
            WeightKg = Yaml.Number(patientMap, "weight"),
            Setting = ExampleSetting(patientMap),
            Conditions = patientMap is null ? [] : _syntax.Codes(patientMap, "conditions").Select(ToCode).ToList(),
            Allergies = patientMap is null ? [] : _syntax.Codes(patientMap, "allergies").Select(ToCode).ToList(),
        };
        var daysInUse = new Dictionary<string, int>(StringComparer.Ordinal);
        var medications = Medications(map, daysInUse);
        var expect = Yaml.Map(Yaml.Get(map, "expect"), "'expect'");
        if (expect is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, map, "An example needs 'expect: { fires: true|false, severity: ... }'.");
            return null;
        }

        Yaml.CheckKeys(expect, "'expect'", "fires", "severity");
        var fires = Yaml.Boolean(expect, "fires");
        if (fires is null)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, expect, "'expect' needs 'fires: true' or 'fires: false'.");
        }

        Severity? severity = null;
        if (Yaml.String(expect, "severity") is { } text)
        {
            if (Severities.TryParse(text, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, Yaml.Get(expect, "severity")!, $"Unknown severity '{text}'.{Spelling.DidYouMean(text, Severities.Names)} Expected contraindicated, avoid, caution or info.");
            }
        }

        var age = Yaml.Integer(patientMap, "age", 0, 130);
        return new RuleExample(name, patient, age, labs, medications, fires ?? false, severity, (int)map.Start.Line) { DaysInUse = daysInUse, LabSeries = series };
    }

    /// <summary>An example's lab series, <c>{ 12 months ago: 62, 6 months ago: 55, today: 49 }</c>: values by days ago.</summary>
    private Dictionary<int, decimal> LabSeries(YamlMappingNode map)
    {
        var values = new Dictionary<int, decimal>();
        foreach (var when in map.Children.Keys.OfType<YamlScalarNode>())
        {
            var text = when.Value!.Trim();
            var daysAgo = text == "today" ? 0
                : text.EndsWith(" ago", StringComparison.Ordinal) && TreatmentDuration.TryParse(text[..^4]) is { } duration ? duration.Days : (int?)null;
            if (daysAgo is null)
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, when, $"A lab series is keyed by when each value was measured ('today', '6 months ago', '2 weeks ago'), found '{text}'.");
            }
            else if (Yaml.Number(map, when.Value!) is { } value && !values.TryAdd(daysAgo.Value, value))
            {
                Yaml.Error(InputIssueCodes.RuleInvalidValue, when, $"The lab series has two values {text}.");
            }
        }

        return values;
    }

    private static ClinicalCode ToCode(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new ClinicalCode(key[..colon], key[(colon + 1)..], key.StartsWith("name:", StringComparison.Ordinal) ? key[5..] : null);
    }

    private List<MedicationEntry> Medications(YamlMappingNode map, Dictionary<string, int> daysInUse)
    {
        var medications = new List<MedicationEntry>();
        if (Yaml.Get(map, "medications") is not YamlSequenceNode list)
        {
            Yaml.Error(InputIssueCodes.RuleRequired, Yaml.Get(map, "medications") ?? map, "An example needs 'medications': a list of names or { name, dosage, route, atc }.");
            return medications;
        }

        foreach (var item in list)
        {
            var id = $"m{medications.Count + 1}";
            if (item is YamlScalarNode { Value: { Length: > 0 } name })
            {
                medications.Add(new MedicationEntry { EntryId = id, Name = name, Status = EntryStatus.Active });
            }
            else if (Yaml.Map(item, "A medication") is { } medication)
            {
                Yaml.CheckKeys(medication, "a medication", "name", "dosage", "route", "atc", "used");
                var atc = Yaml.String(medication, "atc");
                if (_syntax.Duration(medication, "used") is { } used)
                {
                    daysInUse[id] = used.Days;
                }

                medications.Add(new MedicationEntry
                {
                    EntryId = id,
                    Name = Yaml.String(medication, "name", required: atc is null),
                    DosageText = Yaml.String(medication, "dosage"),
                    Route = Yaml.String(medication, "route"),
                    Codings = atc is null ? [] : [new MedicationCoding(CodeSystem.Atc, atc)],
                    Status = EntryStatus.Active,
                });
            }
        }

        return medications;
    }
}
