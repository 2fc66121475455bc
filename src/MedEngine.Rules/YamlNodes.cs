using MedEngine.Findings;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Reads values out of YAML nodes, reporting every problem with file, line and column and going on.</summary>
internal sealed class YamlNodes(string file, List<InputError> errors)
{
    public string File => file;

    public void Error(string code, YamlNode node, string message) =>
        errors.Add(new InputError(code, file, message) { Line = (int)node.Start.Line, Column = (int)node.Start.Column });

    public YamlMappingNode? Map(YamlNode? node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        if (node is not null)
        {
            Error(InputIssueCodes.RuleShape, node, $"{what} must be a mapping (key: value).");
        }

        return null;
    }

    public void CheckKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(InputIssueCodes.RuleUnknownKey, key, $"Unknown key '{name}' in {what}.{Knowledge.Spelling.DidYouMean(name, allowed)} Expected one of {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>Whether a scalar is YAML's null (<c>~</c>, <c>null</c> unquoted): no value, so a required key still misses it.</summary>
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any && scalar.Value is "~" or "null" or "Null" or "NULL";

    public YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(YamlMappingNode? map, string key, bool required = false)
    {
        var node = Get(map, key);
        if (node is YamlScalarNode { Value: { Length: > 0 } value } scalar && !IsNull(scalar))
        {
            return value;
        }

        if (node is not null and not YamlScalarNode)
        {
            Error(InputIssueCodes.RuleShape, node, $"'{key}' must be a single value.");
        }
        else if (required && map is not null)
        {
            Error(InputIssueCodes.RuleRequired, node ?? map, $"'{key}' is required.");
        }

        return null;
    }

    public decimal? Number(YamlMappingNode? map, string key)
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(InputIssueCodes.RuleShape, Get(map, key)!, $"'{key}' must be a number, found '{text}'.");
        return null;
    }

    /// <summary>A whole number within a range; anything else (a fraction, a number beyond the range) is an error and <see langword="null"/>.</summary>
    public int? Integer(YamlMappingNode? map, string key, int min, int max)
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(InputIssueCodes.RuleInvalidValue, Get(map, key)!, $"'{key}' must be a whole number from {min} to {max}, found '{InputError.Cut(text)}'.");
        return null;
    }

    public bool? Boolean(YamlMappingNode? map, string key)
    {
        var text = String(map, key);
        return text switch
        {
            null => null,
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => Fail(Get(map, key)!, $"'{key}' must be true or false, found '{text}'."),
        };
    }

    public Comparison? Comparison(YamlMappingNode? map, string key)
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (Rules.Comparison.TryParse(text, out var comparison))
        {
            return comparison;
        }

        Error(InputIssueCodes.RuleShape, Get(map, key)!, $"'{key}' must be a comparison such as '>= 65' or '< 50', found '{text}'.");
        return null;
    }

    /// <summary>A list of strings; a single value counts as a list of one.</summary>
    public List<string> Strings(YamlMappingNode? map, string key)
    {
        var node = Get(map, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { } single }:
                return single.Length == 0 ? [] : [single];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value })
                    {
                        values.Add(value);
                    }
                    else
                    {
                        Error(InputIssueCodes.RuleShape, item, $"Each item of '{key}' must be a single value.");
                    }
                }

                return values;
            default:
                Error(InputIssueCodes.RuleShape, node, $"'{key}' must be a value or a list of values.");
                return [];
        }
    }

    public LocalizedText Text(YamlMappingNode? map, string key, bool required)
    {
        var node = Get(map, key);
        if (node is YamlScalarNode { Value: { Length: > 0 } both })
        {
            if (required)
            {
                Error(InputIssueCodes.RuleShape, node, $"'{key}' needs both languages: {{ nb: ..., en: ... }}.");
            }

            return new LocalizedText(both, both);
        }

        var texts = Map(node, $"'{key}'");
        if (texts is null)
        {
            if (required && map is not null)
            {
                Error(InputIssueCodes.RuleRequired, node ?? map, $"'{key}' is required: {{ nb: ..., en: ... }}.");
            }

            return LocalizedText.Empty;
        }

        CheckKeys(texts, $"'{key}'", "nb", "en");
        return new LocalizedText(String(texts, "nb", required: true) ?? "", String(texts, "en", required: true) ?? "");
    }

    private bool? Fail(YamlNode node, string message)
    {
        Error(InputIssueCodes.RuleShape, node, message);
        return null;
    }
}
