namespace MedEngine.Rules;

/// <summary>
/// The patterns of one rule compiled on its own, as its kind states them (<see cref="RuleCondition.AddPatterns"/>):
/// the lines it is about, or one collection of lines; conditions on the patient and the lab values; a line that must be
/// absent. <see cref="RuleDefinitionCompiler"/> builds them in a fixed order, so NRules shares the nodes rules have in common,
/// and adds the patient and the lab values only where the rule reads them.
/// </summary>
internal sealed class RulePatterns
{
    private readonly List<(Func<MedicationFact, bool> Matches, Func<MedicationFact, MedicationFact, bool>? WithEarlier)> _lines = [];

    /// <summary>The lines, m0, m1...: what each must match, and what must hold between each earlier line and it.</summary>
    public IReadOnlyList<(Func<MedicationFact, bool> Matches, Func<MedicationFact, MedicationFact, bool>? WithEarlier)> Lines => _lines;

    /// <summary>Instead of single lines, every line of a class at once, and what must hold of them.</summary>
    public (Func<MedicationFact, bool> Matches, Func<IEnumerable<MedicationFact>, bool> Holds)? Collection { get; private set; }

    /// <summary>Whether the rule reads the patient.</summary>
    public bool ReadsPatient { get; private set; }

    /// <summary>Whether the rule reads the lab values.</summary>
    public bool ReadsLabs { get; private set; }

    /// <summary>What must hold of the patient.</summary>
    public Func<PatientFact, bool>? PatientHolds { get; private set; }

    /// <summary>What must hold of the lab values.</summary>
    public Func<IEnumerable<LabFact>, bool>? LabsHold { get; private set; }

    /// <summary>What must hold of the lab values, the first line, the patient and the other lines (<see cref="OtherLines"/>) together.</summary>
    public Func<IEnumerable<LabFact>, MedicationFact, PatientFact, IEnumerable<MedicationFact>, bool>? LabsLineAndPatientHold { get; private set; }

    /// <summary>
    /// The other lines that condition reads, collected into one more pattern so that a change to one re-evaluates the rule;
    /// <see langword="null"/> when it reads none (it is then given no lines).
    /// </summary>
    public Func<MedicationFact, bool>? OtherLines { get; private set; }

    /// <summary>A line that must not be on the list.</summary>
    public Func<MedicationFact, bool>? Absent { get; private set; }

    /// <summary>One more line the rule is about.</summary>
    /// <param name="matches">What the line must match.</param>
    /// <param name="withEarlier">What must hold between each earlier line (first argument) and this one.</param>
    public void Line(Func<MedicationFact, bool> matches, Func<MedicationFact, MedicationFact, bool>? withEarlier = null) => _lines.Add((matches, withEarlier));

    /// <summary>Every line of a class at once (a cumulative total).</summary>
    public void AllLines(Func<MedicationFact, bool> matches, Func<IEnumerable<MedicationFact>, bool> holds) => Collection = (matches, holds);

    /// <summary>A condition on the patient.</summary>
    public void Patient(Func<PatientFact, bool> holds)
    {
        PatientHolds = holds;
        ReadsPatient = true;
    }

    /// <summary>A condition on the lab values.</summary>
    public void Labs(Func<IEnumerable<LabFact>, bool> holds)
    {
        LabsHold = holds;
        ReadsLabs = true;
    }

    /// <summary>A condition on the lab values, the first line, the patient and other lines together.</summary>
    /// <param name="holds">The condition.</param>
    /// <param name="otherLines">Which other lines it reads; <see langword="null"/> for none.</param>
    public void LabsLineAndPatient(Func<IEnumerable<LabFact>, MedicationFact, PatientFact, IEnumerable<MedicationFact>, bool> holds, Func<MedicationFact, bool>? otherLines)
    {
        LabsLineAndPatientHold = holds;
        OtherLines = otherLines;
        ReadsPatient = true;
        ReadsLabs = true;
    }

    /// <summary>A line that must not be on the list.</summary>
    public void NoLine(Func<MedicationFact, bool> matches) => Absent = matches;
}
