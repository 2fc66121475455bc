using System.Xml;
using System.Xml.Linq;

namespace MedEngine.Import.StoppStart;

/// <summary>
/// Reads the STOPP/START v2 computable XML (<c>stoppstart.xsd</c> of Huibers et al.): rules, their iterations, conditions
/// and actions. The file is small (under 1 MB), so it is read whole. Whitespace (including no-break spaces) around values is trimmed.
/// </summary>
internal static class StoppStartXml
{
    public static IReadOnlyList<SourceCriterion> Read(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(path, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new InputException(new InputError(InputIssueCodes.ImportXmlSyntax, path, e.Message) { Line = e.LineNumber, Column = e.LinePosition });
        }

        var root = document.Root!;
        if (root.Name.LocalName != "rules")
        {
            throw new InputException(new InputError(InputIssueCodes.ImportWrongDocument, path, $"The root element is {root.Name.LocalName}, not rules: not a STOPP/START computable XML file.") { Line = 1, Column = 1 });
        }

        return root.Elements("rule").Select(rule => Criterion(rule, path)).ToList();
    }

    private static SourceCriterion Criterion(XElement rule, string path)
    {
        var location = $"{path}:{((IXmlLineInfo)rule).LineNumber}";
        var id = (string?)rule.Attribute("id") ?? throw Error(path, rule, "A rule has no id.");
        var description = Clean(rule.Elements("description").FirstOrDefault(d => (string?)d.Attribute("language") == "en")?.Value
            ?? rule.Element("description")?.Value ?? id);
        var iterations = rule.Elements("iteration").Select(i => Iteration(i, path)).ToList();
        return new SourceCriterion(Clean(id), description, iterations, location);
    }

    private static SourceIteration Iteration(XElement iteration, string path)
    {
        var conditions = iteration.Elements("condition").SelectMany(c => c.Elements()).Select(e => Element(e, path)).ToList();
        var action = iteration.Element("action") ?? throw Error(path, iteration, "An iteration has no action.");
        var medicine = action.Elements().FirstOrDefault() ?? throw Error(path, action, "An action names no medicine.");
        var priority = int.TryParse((string?)iteration.Attribute("priority"), out var p) ? p : 0;
        return new SourceIteration(priority, conditions, Element(medicine, path), (string?)action.Attribute("type") == "start");
    }

    private static SourceElement Element(XElement element, string path)
    {
        var kind = element.Name.LocalName switch
        {
            "episode" => ElementKind.Episode,
            "medicine" => ElementKind.Medicine,
            "measurement" => ElementKind.Measurement,
            var other => throw Error(path, element, $"Unknown condition element '{other}'."),
        };
        var codes = element.Elements("terminology").Select(t => new SourceCodes(
            (string?)t.Attribute("name") ?? "",
            (string?)t.Element("values")?.Attribute("operator") ?? "=",
            Values(t.Element("values")).Select(v => new SourceValue(Clean(v.Value), (string?)v.Attribute("regex") == "true")).ToList())).ToList();
        var qualifiers = element.Elements().Where(e => e.Name.LocalName != "terminology").Select(Qualifier).ToList();
        return new SourceElement(kind, (string?)element.Attribute("negative") == "true", codes, qualifiers);
    }

    private static SourceQualifier Qualifier(XElement element)
    {
        var values = element.Element("values");
        return element.Name.LocalName == "status"
            ? new SourceQualifier("status", null, null, "=", ["active=" + ((string?)element.Attribute("active") ?? "true")])
            : new SourceQualifier(element.Name.LocalName, (string?)element.Attribute("interval"), (string?)element.Attribute("unit"),
                (string?)values?.Attribute("operator"), Values(values).Select(v => Clean(v.Value)).ToList());
    }

    private static IEnumerable<XElement> Values(XElement? values) => values?.Elements("value") ?? [];

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('\u00a0', ' ');

    private static InputException Error(string path, XElement element, string message) =>
        new(new InputError(InputIssueCodes.ImportInvalidValue, path, message) { Line = ((IXmlLineInfo)element).LineNumber, Column = ((IXmlLineInfo)element).LinePosition });
}
