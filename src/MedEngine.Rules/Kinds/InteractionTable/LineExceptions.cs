using MedEngine.Knowledge;
using MedEngine.Normalization;

namespace MedEngine.Rules;

/// <summary>
/// Lines that take no part in an interaction table's pairs: by ATC code or prefix, canonical route (<c>topical</c>,
/// <c>ophthalmic</c>, <c>inhalation</c>...) or canonical form (<c>gel</c>, <c>eye drops</c>...), as a drug selector's
/// <c>except</c> says them. A table row has its own in the <c>except</c> column; an <c>interaction-table</c> rule has them for
/// every row (<c>docs/interaction-table.md</c>).
/// </summary>
/// <param name="Atc">ATC codes, or prefixes ending in <c>*</c>.</param>
/// <param name="Routes">Canonical routes.</param>
/// <param name="Forms">Canonical forms.</param>
public sealed record LineExceptions(IReadOnlyList<string> Atc, IReadOnlyList<string> Routes, IReadOnlyList<string> Forms)
{
    /// <summary>No exceptions: every line counts.</summary>
    public static LineExceptions None { get; } = new([], [], []);

    /// <summary>Whether a line is left out.</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when the line matches an exception.</returns>
    public bool Excludes(MedicationFact line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Atc.Any(p => p.EndsWith('*') ? line.CodesAndPrefixes.Contains(p[..^1]) : line.Codes.Contains(p, StringComparer.Ordinal))
            || (line.Route is { } route && Routes.Contains(route, StringComparer.Ordinal))
            || (line.Form is { } form && Forms.Contains(form, StringComparer.Ordinal));
    }

    /// <summary>The problem with one value of a kind (<c>atc</c>, <c>route</c>, <c>form</c>), or <see langword="null"/> when it is good.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value as written.</param>
    /// <returns>Why the value cannot be used.</returns>
    internal static string? Problem(string kind, string value) => kind switch
    {
        "atc" => AtcCode.IsValid(value.TrimEnd('*')) ? null : $"'{value}' is not an ATC code or prefix (such as M01AX* or M01AX05).",
        "route" => FormAndRoute.NormalizeRoute(value) == value ? null : $"'{value}' is not a canonical route (oral, topical, ophthalmic, inhalation, nasal, transdermal...).",
        "form" => FormAndRoute.NormalizeForm(value) == value ? null : $"'{value}' is not a canonical form (gel, cream, ointment, eye drops, patch, inhalation...).",
        _ => $"'{kind}' is not an exception kind: use atc, route or form.",
    };

    /// <summary>Reads a table's <c>except</c> cell: <c>kind:value,value</c> groups separated by <c>;</c>, such as <c>route:topical,ophthalmic; atc:M01AX*</c>.</summary>
    /// <param name="cell">The cell; empty for none.</param>
    /// <param name="problem">Why the cell cannot be read, or <see langword="null"/>.</param>
    /// <returns>The exceptions, or <see langword="null"/> with the problem.</returns>
    internal static LineExceptions? Parse(string cell, out string? problem)
    {
        problem = null;
        if (cell.Trim().Length == 0)
        {
            return None;
        }

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["atc"] = [], ["route"] = [], ["form"] = [] };
        foreach (var group in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            var kind = colon < 0 ? group : group[..colon].Trim();
            var items = colon < 0 ? [] : group[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!values.TryGetValue(kind, out var list) || items.Length == 0)
            {
                problem = $"'{group}' is not an exception: write kind:value,value with kind atc, route or form (route:topical,ophthalmic; atc:M01AX*).";
                return null;
            }

            foreach (var item in items)
            {
                var value = kind == "atc" ? item.ToUpperInvariant() : item;
                problem = Problem(kind, value);
                if (problem is not null)
                {
                    return null;
                }

                list.Add(value);
            }
        }

        return new LineExceptions(values["atc"], values["route"], values["form"]);
    }
}
