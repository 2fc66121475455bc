using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Fhir;

/// <summary>
/// Groups mapped entries and facts by patient and source, then builds the <see cref="SourceReadResult"/> (see <see cref="FhirInputReader"/>
/// for the source rules); a second resource with an id already in its source is left out and added to <paramref name="errors"/>.
/// </summary>
internal sealed class PatientInputBuilder(string file, SourceKind? kindOverride, List<InputError> errors)
{
    private readonly string _stem = Path.GetFileNameWithoutExtension(file);
    private readonly Dictionary<string, Group> _patients = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private PllFacts? _pll;
    private IReadOnlyList<RegistryLookup> _lookups = [];

    /// <summary>
    /// What an SFM answer says of the whole list: the PLL facts go to each source holding entries of a PLL section (their kind before
    /// any override), the registry lookups to every source.
    /// </summary>
    public void Answer(PllFacts? pll, IReadOnlyList<RegistryLookup> lookups)
    {
        _pll = pll;
        _lookups = lookups;
    }

    /// <summary>Adds an entry; <paramref name="statementGroup"/> marks a MedicationStatement outside any document section.</summary>
    public void AddEntry(string? patient, MedicationEntry entry, SourceKind kind, bool statementGroup) =>
        GroupOf(patient).Entries.Add((kindOverride ?? kind, kind, statementGroup && kindOverride is null, entry));

    public PatientFacts Facts(string? patient) => GroupOf(patient).Facts;

    /// <summary>Counts a skipped resource; a <see langword="null"/> reason means it was used, an empty one means its type is not read.</summary>
    public void Skip(string type, string? reason, int count = 1)
    {
        if (reason is null)
        {
            return;
        }

        var key = reason.Length == 0 ? type : $"{type} ({reason})";
        _skipped[key] = _skipped.GetValueOrDefault(key) + count;
    }

    public SourceReadResult Build()
    {
        var patients = _patients.Values.OrderBy(g => g.Id, StringComparer.Ordinal).Select(Build).ToList();
        return new SourceReadResult(file, patients, errors, _skipped);
    }

    private PatientInput Build(Group group)
    {
        var statementKinds = group.Entries.Where(e => e.StatementGroup).Select(e => e.Kind).Distinct().Count();
        var lists = new List<SourceList>();
        foreach (var source in group.Entries.GroupBy(e => SourceId(e.Kind, e.StatementGroup, statementKinds)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<MedicationEntry>();
            foreach (var (_, _, _, entry) in source)
            {
                if (seen.Add(entry.EntryId))
                {
                    entries.Add(entry);
                }
                else
                {
                    errors.Add(new InputError(InputIssueCodes.FhirDuplicateResource, file, $"More than one resource with id '{entry.EntryId}' in source '{source.Key}'.") { Entry = entry.EntryId, Field = "id" });
                }
            }

            var pll = source.Any(e => e.Stated == SourceKind.Pll) ? _pll : null;
            var medicationSource = new MedicationSource(source.Key, source.First().Kind, pll?.Date, pll?.By) { PllExists = pll?.Exists, Lookups = _lookups };
            lists.Add(new SourceList(medicationSource, entries));
        }

        return new PatientInput(lists, group.Facts.ToContext());
    }

    private string SourceId(SourceKind kind, bool statementGroup, int statementKinds)
    {
        if (kindOverride is not null)
        {
            return _stem;
        }

        if (statementGroup)
        {
            return statementKinds > 1 ? $"{_stem}-{SourceKinds.ToName(kind)}" : _stem;
        }

        return kind switch
        {
            SourceKind.Prescriptions => _stem + "-requests",
            SourceKind.Dispensing => _stem + "-dispenses",
            SourceKind.Pll => _stem + "-pll",
            _ => $"{_stem}-{SourceKinds.ToName(kind)}",
        };
    }

    private Group GroupOf(string? patient)
    {
        var key = patient ?? "";
        if (!_patients.TryGetValue(key, out var group))
        {
            group = new Group(patient);
            _patients.Add(key, group);
        }

        return group;
    }

    private sealed class Group(string? id)
    {
        public string? Id { get; } = id;

        public PatientFacts Facts { get; } = new(id);

        /// <summary>Each entry with its source kind, the kind the input stated before any override, and whether it is a statement outside a section.</summary>
        public List<(SourceKind Kind, SourceKind Stated, bool StatementGroup, MedicationEntry Entry)> Entries { get; } = [];
    }
}
