namespace MedEngine.Import.Text;

/// <summary>One record of a delimited file.</summary>
/// <param name="Line">The 1-based line the record starts on.</param>
/// <param name="Fields">The fields, unquoted.</param>
internal sealed record DelimitedRecord(int Line, string[] Fields)
{
    public string Field(int index) => index < Fields.Length ? Fields[index].Trim() : string.Empty;
}
