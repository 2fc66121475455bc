using System.Collections;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>
/// The JSON Schema for rule files (<c>rules/rule-file.schema.json</c>, shipped in the rules package for editors): every shipped
/// rule document validates against it, and the mistakes an editor should underline do not.
/// </summary>
public sealed class RuleFileSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "rule-file.schema.json"))));

    /// <summary>Every YAML document of a file as JSON, scalars typed as an editor's YAML 1.2 reading types them (dates stay text).</summary>
    private static IEnumerable<JsonNode?> Documents(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            yield return Json(deserializer.Deserialize(parser));
        }
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, Json(map[k])))),
        string text => JsonValue.Create(text),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Json)]),
        bool flag => JsonValue.Create(flag),
        int or long => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static EvaluationResults Evaluate(JsonNode? document) =>
        Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Fact]
    public void Every_shipped_rule_document_validates()
    {
        var files = Directory.GetFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "data", "stopp-start-v2"), "*.yaml")).Order(StringComparer.Ordinal).ToList();
        var count = 0;
        foreach (var file in files)
        {
            foreach (var document in Documents(File.ReadAllText(file)))
            {
                count++;
                var result = Evaluate(document);
                Assert.True(result.IsValid, $"{file} {document?["id"]}: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
            }
        }

        Assert.True(count >= 275, $"only {count} rule documents were read"); // 152 shipped rules and 123 STOPP/START v2 rules
    }

    [Theory]
    [InlineData("severity: avoid", "severity: dangerous")]
    [InlineData("severity: avoid", "severty: avoid")]
    [InlineData("kind: drug-patient", "kind: drug-patent")]
    [InlineData("version: 3", "version: three")]
    [InlineData("title: { nb: \"Tittel R-1\", en: \"Title R-1\" }", "title: { nb: \"Tittel R-1\" }")]
    public void An_editor_underlines_the_mistakes_rules_check_refuses(string good, string bad)
    {
        var rule = RuleKindTests.Rule("R-1", "drug-patient", "avoid", "drug: { atc: [M01AE01] }\npatient: { age: \">= 65\" }");
        Assert.True(Evaluate(Documents(rule).Single()).IsValid);
        Assert.Contains(good, rule, StringComparison.Ordinal);
        Assert.False(Evaluate(Documents(rule.Replace(good, bad, StringComparison.Ordinal)).Single()).IsValid);
    }
}
