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
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, ""));
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
                            problems.Add(new InputError(InputIssueCodes.JsonNotText, file, "A key is not Unicode text (a lone surrogate escape).") { Field = item.Path });
                            continue;
                        }

                        var path = item.Path.Length == 0 ? name : item.Path + "." + name;
                        if (!keys.Add(name))
                        {
                            problems.Add(new InputError(InputIssueCodes.JsonDuplicateKey, file, $"The key '{InputError.Cut(name)}' is there twice; which one was meant cannot be known.") { Field = path });
                        }

                        pending.Push((property.Value, path));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var element in item.Element.EnumerateArray())
                    {
                        pending.Push((element, $"{item.Path}[{index++}]"));
                    }

                    break;
                case JsonValueKind.String when !TryText(item.Element.GetString, out _):
                    problems.Add(new InputError(InputIssueCodes.JsonNotText, file, "Not Unicode text (a lone surrogate escape).") { Field = item.Path });
                    break;
            }
        }

        return problems;
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
