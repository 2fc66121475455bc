using System.Xml.Linq;

namespace MedEngine.Import.Fest;

/// <summary>Reads FEST elements by local name (either version's namespace): coded values (<c>V</c>, <c>DN</c>) and texts.</summary>
internal static class FestXml
{
    public static XElement? Child(this XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement element, string name) => element.Elements().Where(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> DescendantsNamed(this XElement element, params string[] names) =>
        element.Descendants().Where(e => names.Contains(e.Name.LocalName));

    /// <summary>The text of an element without child elements, white space collapsed; empty when missing.</summary>
    public static string Text(XElement? element) =>
        element is null || element.HasElements ? string.Empty : string.Join(' ', element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The code of a coded value (<c>V</c>), or its text; trimmed.</summary>
    public static string Code(XElement? element) => element is null ? string.Empty : (element.Attribute("V")?.Value ?? Text(element)).Trim();

    /// <summary>The display name of a coded value (<c>DN</c>), or its text.</summary>
    public static string Display(XElement? element) => element is null ? string.Empty : (element.Attribute("DN")?.Value.Trim() ?? Text(element));

    /// <summary>An ATC code as written with white space removed and in upper case.</summary>
    public static string Atc(XElement? element) => string.Concat(Code(element).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
