using MedEngine.Import.Text;
using Xunit;

namespace MedEngine.Import.Tests;

public sealed class DelimitedReaderTests
{
    [Fact]
    public void Quoted_fields_hold_delimiters_quotes_and_line_breaks()
    {
        var records = DelimitedReader.Read(new StringReader("a,\"b, c\",\"say \"\"x\"\"\"\r\n\"multi\nline\",2,\n\nlast,1"), ',', quoted: true).ToList();

        Assert.Equal(["a", "b, c", "say \"x\""], records[0].Fields);
        Assert.Equal(["multi\nline", "2", ""], records[1].Fields);
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["last", "1"], records[2].Fields);
    }

    [Fact]
    public void Carriage_returns_alone_end_records_and_quotes_are_text_when_not_quoting()
    {
        var records = DelimitedReader.Read(new StringReader("x$\"y$\rz$w$"), '$', quoted: false).ToList();

        Assert.Equal([["x", "\"y", ""], ["z", "w", ""]], records.Select(r => r.Fields));
    }
}
