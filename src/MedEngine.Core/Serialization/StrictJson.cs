using System.Text.Json;

namespace MedEngine.Serialization;

/// <summary>
/// What every JSON reader checks before it reads a document (MedEngine JSON, patient events, FHIR): every object's keys
/// once each (a second <c>entries</c> or <c>status</c> would make one reader drop what another keeps), and every key and
/// string Unicode text (an escaped lone surrogate such as <c>\ud800</c> is valid JSON but no text). Walks the document
/// iteratively, so no nesting can exhaust the stack.
/// </summary>
public static class StrictJson
{
    /// <summary>The document's problems, each with its JSON path as the field (<c>entries[0].status</c>); empty when none.</summary>
    /// <param name="root">The document's root.</param>
    /// <param name="file">The file (or request) the document came from, for the errors.</param>
    /// <returns>The problems, coded <see cref="InputIssueCodes.JsonDuplicateKey"/> or <see cref="InputIssueCodes.JsonNotText"/>.</returns>
    public static IReadOnlyList<InputError> Check(JsonElement root, string file)
    {
        var problems = new List<InputError>();

        // Where each visited value is: its parent's index and its key or list index; a path is spelled out only for a problem.
        var places = new List<(int Parent, string? Key, int Index)> { (-1, null, -1) };
        var pending = new Stack<(JsonElement Element, int Place)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var item))
        {
            switch (item.Element.ValueKind)
            {
                case JsonValueKind.Object:
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in item.Element.EnumerateObject())
                    {
                        if (!TryText(() => property.Name, out var name))
                        {
                            problems.Add(new InputError(InputIssueCodes.JsonNotText, file, "A key is not Unicode text (a lone surrogate escape).") { Field = Path(places, item.Place) });
                            continue;
                        }

                        places.Add((item.Place, name, -1));
                        if (!keys.Add(name))
                        {
                            problems.Add(new InputError(InputIssueCodes.JsonDuplicateKey, file, $"The key '{InputError.Cut(name)}' is there twice; which one was meant cannot be known.") { Field = Path(places, places.Count - 1) });
                        }

                        pending.Push((property.Value, places.Count - 1));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var element in item.Element.EnumerateArray())
                    {
                        places.Add((item.Place, null, index++));
                        pending.Push((element, places.Count - 1));
                    }

                    break;
                case JsonValueKind.String when !TryText(item.Element.GetString, out _):
                    problems.Add(new InputError(InputIssueCodes.JsonNotText, file, "Not Unicode text (a lone surrogate escape).") { Field = Path(places, item.Place) });
                    break;
            }
        }

        return problems;
    }

    /// <summary>The JSON path of a visited value (<c>entries[0].status</c>; empty for the root).</summary>
    private static string Path(List<(int Parent, string? Key, int Index)> places, int place)
    {
        var parts = new List<string>();
        for (var at = place; places[at].Parent >= 0; at = places[at].Parent)
        {
            parts.Add(places[at].Key is { } key ? (places[at].Parent == 0 ? key : "." + key) : $"[{places[at].Index}]");
        }

        parts.Reverse();
        return string.Concat(parts);
    }

    private static bool TryText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
