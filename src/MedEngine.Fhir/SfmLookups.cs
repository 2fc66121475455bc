using System.Text.Json;
using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Reads the value parameters of an SFM <c>$getMedication</c> answer into <see cref="RegistryLookup"/>s: <c>KJHentetTidspunkt</c>,
/// <c>KJFeilkode</c>, <c>KJHarLegemidler</c>, <c>KJHarLaste</c> make the <c>KJ</c> lookup; <c>RFHentetTidspunkt</c> and <c>RFHarLaste</c>
/// with <c>RFM96Feilkode</c> make <c>RF M9.6</c> and with <c>RFM912Feilkode</c> make <c>RF M9.12</c>.
/// </summary>
internal sealed class SfmLookups
{
    private static readonly string[] Registries = ["KJ", "RF M9.6", "RF M9.12"];
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    /// <summary>Whether any lookup parameter was seen.</summary>
    public bool Any => _values.Count > 0;

    /// <summary>
    /// Keeps one value parameter; <see langword="false"/> when its name is not one of SFM's lookup parameters. A known parameter whose
    /// value is not of its type (a time that is no dateTime, a code that is no CodeableConcept, a flag that is no boolean) gives a problem.
    /// </summary>
    public bool Add(string name, JsonElement parameter, out string? problem)
    {
        var expected = name switch
        {
            "KJHentetTidspunkt" or "RFHentetTidspunkt" => "valueDateTime",
            "KJFeilkode" or "RFM96Feilkode" or "RFM912Feilkode" => "valueCodeableConcept",
            "KJHarLegemidler" or "KJHarLaste" or "RFHarLaste" => "valueBoolean",
            _ => null,
        };
        problem = null;
        if (expected is null)
        {
            return false;
        }

        var ok = parameter.TryGetProperty(expected, out var value) && expected switch
        {
            "valueDateTime" => FhirDates.Parse(value.ValueKind == JsonValueKind.String ? value.GetString() : null) is not null,
            "valueCodeableConcept" => value.ValueKind == JsonValueKind.Object,
            _ => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        };
        if (ok)
        {
            _values[name] = parameter.Clone();
        }
        else
        {
            problem = $"SFM parameter '{name}' must have a {expected}.";
        }

        return true;
    }

    /// <summary>The lookups the parameters describe, in the order KJ, RF M9.6, RF M9.12; a lookup with no parameter is left out.</summary>
    public List<RegistryLookup> ToList()
    {
        var lookups = new List<RegistryLookup>();
        foreach (var registry in Registries)
        {
            var kj = registry == "KJ";
            var (at, error, locked) = kj ? ("KJHentetTidspunkt", "KJFeilkode", "KJHarLaste") : ("RFHentetTidspunkt", registry == "RF M9.6" ? "RFM96Feilkode" : "RFM912Feilkode", "RFHarLaste");
            if (!_values.ContainsKey(at) && !_values.ContainsKey(error))
            {
                continue;
            }

            var coding = Value(error, "valueCodeableConcept") is { } concept && concept.TryGetProperty("coding", out var codings)
                && codings.ValueKind == JsonValueKind.Array && codings.GetArrayLength() > 0 ? codings[0] : (JsonElement?)null;
            var display = String(coding, "display");
            var text = String(Value(error, "valueCodeableConcept"), "text");
            lookups.Add(new RegistryLookup(registry, FhirDates.Parse(String(_values.GetValueOrDefault(at), "valueDateTime")))
            {
                ErrorCode = String(coding, "code"),
                Error = display,
                Detail = text == display ? null : text,
                HasLocked = Flag(locked),
                HasMedications = kj ? Flag("KJHarLegemidler") : null,
            });
        }

        return lookups;
    }

    private JsonElement? Value(string name, string property) =>
        _values.TryGetValue(name, out var parameter) && parameter.TryGetProperty(property, out var value) ? value : null;

    private bool? Flag(string name) =>
        Value(name, "valueBoolean") is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    private static string? String(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
