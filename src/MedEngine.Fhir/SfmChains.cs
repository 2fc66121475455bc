using Hl7.Fhir.Model;

namespace MedEngine.Fhir;

/// <summary>
/// SFM's prescription chains: a renewal makes a new MedicationStatement (the head, current) and the earlier one a link that names
/// it in <c>partOf</c> (status <c>completed</c>). A MedicationStatement whose <c>partOf</c> resolves to another MedicationStatement
/// is an earlier link; following <c>partOf</c> from it reaches the head, which carries the earlier links' ids
/// (<see cref="Model.MedicationEntry.Replaces"/>, oldest first). A <c>partOf</c> that says MedicationStatement but names none of
/// the input, and a loop, are <see cref="InputIssueCodes.FhirBrokenChain"/>; such a statement stays an entry of its own.
/// </summary>
internal sealed class SfmChains
{
    private readonly HashSet<Resource> _replaced = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Resource, List<(int Depth, string EntryId)>> _links = new(ReferenceEqualityComparer.Instance);

    public SfmChains(IReadOnlyDictionary<Resource, string> entryIds, ResourceIndex index, string file, List<InputError> errors)
    {
        foreach (var (resource, entryId) in entryIds)
        {
            if (resource is not MedicationStatement statement)
            {
                continue;
            }

            if (Next(statement, index, out var broken) is null)
            {
                if (broken is not null)
                {
                    errors.Add(new InputError(InputIssueCodes.FhirBrokenChain, file, $"MedicationStatement '{entryId}' is part of '{broken}', which is no MedicationStatement of this input: its chain cannot be followed.") { Entry = entryId, Field = "partOf" });
                }

                continue;
            }

            var seen = new HashSet<Resource>(ReferenceEqualityComparer.Instance) { statement };
            var head = statement;
            var depth = 0;
            while (Next(head, index, out _) is { } next)
            {
                if (!seen.Add(next))
                {
                    errors.Add(new InputError(InputIssueCodes.FhirBrokenChain, file, $"MedicationStatement '{entryId}' is in a chain whose partOf links loop: it has no head.") { Entry = entryId, Field = "partOf" });
                    head = null;
                    break;
                }

                head = next;
                depth++;
            }

            if (head is not null)
            {
                _replaced.Add(statement);
                (_links.TryGetValue(head, out var links) ? links : _links[head] = []).Add((depth, entryId));
            }
        }
    }

    /// <summary>Whether a statement is an earlier link of a chain (accounted for on its head, not an entry).</summary>
    public bool IsReplaced(Resource resource) => _replaced.Contains(resource);

    /// <summary>The entry ids of the earlier links of the chain a head statement leads, oldest first.</summary>
    public IReadOnlyList<string> ReplacedBy(Resource head) =>
        _links.TryGetValue(head, out var links) ? links.OrderByDescending(l => l.Depth).Select(l => l.EntryId).ToList() : [];

    /// <summary>The statement this one is a link of; <paramref name="broken"/> names a partOf that says MedicationStatement but resolves to none.</summary>
    private static MedicationStatement? Next(MedicationStatement statement, ResourceIndex index, out string? broken)
    {
        broken = null;
        foreach (var partOf in statement.PartOf)
        {
            switch (index.Resolve(partOf, statement))
            {
                case MedicationStatement next:
                    return next;
                case null when SaysStatement(partOf):
                    broken = partOf.Reference;
                    break;
            }
        }

        return null;
    }

    private static bool SaysStatement(ResourceReference reference) =>
        reference.Reference?.Contains("MedicationStatement/", StringComparison.Ordinal) == true
        || reference.Type?.EndsWith("MedicationStatement", StringComparison.Ordinal) == true
        || reference.Reference?.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) == true;
}
