using System.Text.Json;
using System.Text.Json.Nodes;
using MedEngine.Serialization;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>
/// Parses a request body for the CDS Hooks parsers: valid JSON, nested at most 128 deep, every object's keys once each and
/// every key and string Unicode text (<see cref="StrictJson"/>); anything else is a <see cref="CdsRequestException"/> naming where.
/// </summary>
internal static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 };

    public static JsonNode? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using (var document = JsonDocument.Parse(body.ToArray(), Options))
            {
                if (StrictJson.Check(document.RootElement, "request") is [var first, ..])
                {
                    throw new CdsRequestException(first.Field is { Length: > 0 } field ? field : "$", first.Message);
                }
            }

            return JsonNode.Parse(body, documentOptions: Options);
        }
        catch (JsonException e)
        {
            throw new CdsRequestException("$", $"The body is not valid JSON: {InputError.Cut(e.Message)}");
        }
    }
}
