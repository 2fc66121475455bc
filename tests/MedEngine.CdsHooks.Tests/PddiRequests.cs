using System.Text.Json.Nodes;

namespace MedEngine.CdsHooks.Tests;

/// <summary>HL7's PDDI-CDS test requests, ready to replay against the local service.</summary>
internal static class PddiRequests
{
    private static string Folder => RepositoryPaths.OpenData("pddi-cds-hooks-requests");

    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>
    /// The request as HL7 wrote it, with one change: <c>fhirServer</c> is removed. It names HL7's and the authors' servers, which a
    /// test must never call; everything the scenario needs is in the request.
    /// </summary>
    public static JsonObject Load(string name)
    {
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();
        request.Remove("fhirServer");
        return request;
    }

    /// <summary>The service that answers the request's hook.</summary>
    public static string ServiceFor(JsonObject request) => "medengine-" + request["hook"]!.GetValue<string>();
}
