using System.Xml;
using System.Xml.Linq;

namespace MedEngine.Import.Fest;

/// <summary>
/// Streams an M30 file with <see cref="XmlReader"/>: only one catalogue entry (<c>Oppf...</c>) is in memory at a time, and
/// entries of catalogues the importer does not use are skipped unread. Unknown elements inside an entry are ignored.
/// </summary>
internal static class FestReader
{
    public static FestCatalog Read(string path, ImportLog log)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        try
        {
            reader.MoveToContent();
            if (reader.LocalName != "FEST")
            {
                throw new InputException(Error(InputIssueCodes.ImportWrongDocument, path, reader, $"The root element is {reader.LocalName}, not FEST: not an M30 file."));
            }

            var version = FestVersion.Detect(reader.NamespaceURI, reader.GetAttribute("versjon") ?? reader.GetAttribute("Versjon"))
                ?? throw new InputException(Error(InputIssueCodes.ImportWrongDocument, path, reader, $"Unknown FEST version (namespace '{reader.NamespaceURI}'): 2.5.1 and 3.5 are read."));
            var catalog = new FestCatalog(version);
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.Depth == 1 && reader.LocalName == "HentetDato")
                {
                    var date = reader.ReadElementContentAsString().Trim();
                    catalog.Date = date.Length >= 10 ? date[..10] : date;
                }
                else if (reader.Depth == 2)
                {
                    ReadEntry(reader, path, catalog, log);
                }
                else
                {
                    reader.Read();
                }
            }

            return catalog;
        }
        catch (XmlException e)
        {
            throw new InputException(new InputError(InputIssueCodes.ImportXmlSyntax, path, e.Message) { Line = e.LineNumber, Column = e.LinePosition });
        }
    }

    private static void ReadEntry(XmlReader reader, string path, FestCatalog catalog, ImportLog log)
    {
        var name = reader.LocalName;
        if (name is not ("OppfLegemiddelMerkevare" or "OppfVirkestoff" or "OppfVirkestoffMedStyrke" or "OppfInteraksjon" or "OppfInteraksjonIkkeVurdert"))
        {
            log.Count("entries of other catalogues (not read)");
            reader.Skip();
            return;
        }

        var location = $"{path}:{((IXmlLineInfo)reader).LineNumber}";
        var entry = (XElement)XNode.ReadFrom(reader);
        log.CountRead();
        var status = FestXml.Code(entry.Child("Status"));
        if (status.Length > 0 && !status.Equals("A", StringComparison.OrdinalIgnoreCase))
        {
            log.Skip("entry not active (Status not A)", $"{name} {FestXml.Text(entry.Child("Id"))} status {status}", location);
            return;
        }

        FestEntries.Add(name, entry, location, catalog, log);
    }

    private static InputError Error(string code, string path, XmlReader reader, string message) =>
        new(code, path, message) { Line = ((IXmlLineInfo)reader).LineNumber, Column = ((IXmlLineInfo)reader).LinePosition };
}
