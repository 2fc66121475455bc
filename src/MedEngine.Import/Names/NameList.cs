using MedEngine.Import.Text;

namespace MedEngine.Import.Names;

/// <summary>The drug-name lists <see cref="NameImporter"/> reads, told apart by their header.</summary>
internal enum NameListKind
{
    DrugBank,
    Nhs,
    MedlinePlus,
    Mesh,
}

/// <summary>One record of a name list: the name it is about and the other names it gives.</summary>
internal sealed record NameRecord(string Location, string Name, IReadOnlyList<string> OtherNames);

/// <summary>Reads a name list: the DrugBank open vocabulary (synonyms <c> | </c>-separated) or an NHS, MedlinePlus or MeSH brand list (<c>|</c>-separated).</summary>
internal static class NameList
{
    public static (NameListKind Kind, IReadOnlyList<NameRecord> Records) Read(string file)
    {
        var records = DelimitedReader.Read(file, ',', quoted: true).ToList();
        var header = records.Count > 0 ? records[0].Field(0) : string.Empty;
        var (kind, name, others) = header switch
        {
            "DrugBank ID" => (NameListKind.DrugBank, 2, 5),
            "NHS link" => (NameListKind.Nhs, 1, 2),
            "Medline Plus ID" => (NameListKind.MedlinePlus, 1, 2),
            "Mesh ID" => (NameListKind.Mesh, 1, 3),
            _ => throw new InputException(new InputError(InputIssueCodes.ImportWrongDocument, file, "Not a known name list: the header must start with DrugBank ID, NHS link, Medline Plus ID or Mesh ID.") { Line = 1, Column = 1 }),
        };
        return (kind, records.Skip(1).Select(r => new NameRecord($"{file}:{r.Line}", r.Field(name),
            r.Field(others).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList());
    }
}
