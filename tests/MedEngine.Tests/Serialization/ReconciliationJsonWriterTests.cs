using System.Text.Json;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Tests.Serialization;

public sealed class ReconciliationJsonWriterTests
{
    [Fact]
    public async Task WriteAsync_WritesTheSameDocumentAsTheStream()
    {
        var evaluation = new MedEngineBuilder().Build().Evaluate(SamplePatient.Lists);
        IEvaluationWriter writer = new ReconciliationJsonWriter();
        using var text = new StringWriter();
        using var stream = new MemoryStream();

        await writer.WriteAsync(evaluation, text);
        new ReconciliationJsonWriter().Write(evaluation, stream);

        Assert.Equal(("json", "application/json"), (writer.Format, writer.MediaType));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(stream.ToArray()), text.ToString());
        using var document = JsonDocument.Parse(text.ToString());
        Assert.Equal(evaluation.List.Lines.Count, document.RootElement.GetProperty("lines").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("findings").GetArrayLength());
    }
}
