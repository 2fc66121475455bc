using System.Security.Cryptography;
using System.Text;

namespace MedEngine.Fhir;

/// <summary>Deterministic <c>urn:uuid:</c> fullUrls, so that the same result always gives the same bundle.</summary>
internal static class BundleUrls
{
    public static string For(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 style: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return "urn:uuid:" + new Guid(bytes, bigEndian: true).ToString();
    }
}
