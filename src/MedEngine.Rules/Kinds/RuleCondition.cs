using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// What must be true for a rule to fire: one subtype per rule kind, each in its own folder under <c>Kinds/</c> with all that
/// the kind means: its syntax (a <see cref="RuleKind"/>), its NRules patterns when compiled on its own (<see cref="AddPatterns"/>),
/// the group it joins (<see cref="IOneLineCondition"/>, <see cref="ITwoLineCondition"/> or <see cref="IWholeListCondition"/>),
/// the values its findings explain (<see cref="Values"/>) and its output category (<see cref="Category"/>). A property test
/// holds each kind's grouped evaluation equal to its own patterns.
/// </summary>
internal abstract record RuleCondition
{
    private protected RuleCondition()
    {
    }

    /// <summary>The category of the findings.</summary>
    public abstract FindingCategory Category { get; }

    /// <summary>Adds the rule's patterns when it is compiled into an NRules rule of its own.</summary>
    /// <param name="patterns">The rule's patterns.</param>
    public abstract void AddPatterns(RulePatterns patterns);

    /// <summary>The values behind a finding: what crossed a threshold or met a criterion.</summary>
    /// <param name="match">What the activation matched.</param>
    /// <param name="lines">The lines of the finding, ordered by line id.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The values, in order.</returns>
    public virtual IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) => [];

    /// <summary>
    /// The lines a finding names: those the rule is about, and for a kind that reads other lines (a dose band's
    /// <c>medication</c>), the other lines that made it hold, so a clinician sees why.
    /// </summary>
    /// <param name="match">What the activation matched.</param>
    /// <returns>The lines, in any order.</returns>
    public virtual IReadOnlyList<MedicationFact> Lines(RuleMatch match) => match.Medications;

    /// <summary>The severity and texts of a finding: the rule's own, unless the kind has better ones for these lines.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="lines">The lines of the finding, ordered by line id.</param>
    /// <returns>The severity and texts.</returns>
    public virtual FindingTexts Texts(ClinicalRule rule, IReadOnlyList<MedicationFact> lines) => FindingTexts.Of(rule);
}

/// <summary>A rule kind as a rule file names it: its own keys, and how its condition is read and checked.</summary>
/// <param name="Name">The value of <c>kind</c>.</param>
/// <param name="Keys">The keys a rule of the kind has besides the common ones.</param>
/// <param name="Parse">Reads the condition, adding every error to the syntax's errors; <see langword="null"/> when it has one.</param>
internal sealed record RuleKind(string Name, IReadOnlyList<string> Keys, Func<RuleSyntax, YamlMappingNode, RuleCondition?> Parse)
{
    /// <summary>Every kind the rule-file format has, by name: the one list a new kind joins.</summary>
    public static IReadOnlyDictionary<string, RuleKind> All { get; } = new[]
    {
        InteractionCondition.Kind, InteractionTableCondition.Kind, DuplicateCondition.Kind, DrugPatientCondition.Kind,
        DrugPatientCondition.ConditionKind, DrugLabCondition.Kind, DoseLimitCondition.Kind, CumulativeCondition.Kind,
        MissingTherapyCondition.Kind,
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);
}

/// <summary>The severity and texts of a finding.</summary>
internal sealed record FindingTexts(Severity Severity, LocalizedText Title, LocalizedText Message, LocalizedText Handling, string? Mechanism, string? Evidence, IReadOnlyList<string> References)
{
    /// <summary>The rule's own.</summary>
    public static FindingTexts Of(ClinicalRule rule) => new(rule.Severity, rule.Title, rule.Message, rule.Handling, rule.Mechanism, rule.Evidence, rule.References);
}

/// <summary>A kind about one line at a time: its rules can be held in <see cref="SingleDrugRuleGroup"/>.</summary>
internal interface IOneLineCondition
{
    /// <summary>The lines concerned.</summary>
    DrugSelector Drug { get; }

    /// <summary>
    /// What selects the other lines the condition reads (a dose band's <c>medication</c>); none for most kinds. A rule whose
    /// condition reads other lines joins the group that collects them, so a change to such a line re-evaluates it.
    /// </summary>
    IEnumerable<DrugSelector> Others => [];

    /// <summary>Whether the rule holds for a line its selector matches.</summary>
    /// <param name="line">The line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="others">Lines <see cref="Others"/> selects (the line itself may be among them, and does not count); empty when it selects none.</param>
    bool Holds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others);
}

/// <summary>A kind about two lines: its rules can be held in <see cref="PairRuleGroup"/>.</summary>
internal interface ITwoLineCondition
{
    /// <summary>Whether this rule can be held in the group (an interaction of three groups cannot).</summary>
    bool IsPair { get; }

    /// <summary>The selectors that name the lines concerned.</summary>
    IEnumerable<DrugSelector> Selectors { get; }

    /// <summary>Whether the rule holds for two different lines, in either order.</summary>
    bool Holds(MedicationFact first, MedicationFact second);
}

/// <summary>A kind about the whole list: its rules can be held in <see cref="MissingTherapyRuleGroup"/>.</summary>
internal interface IWholeListCondition
{
    /// <summary>Whether the rule holds for the patient, the lab values and every line.</summary>
    bool Holds(PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> lines);

    /// <summary>The lines a finding names: those the condition requires to be taken (none for a plain missing therapy).</summary>
    IReadOnlyList<MedicationFact> Concerned(IReadOnlyList<MedicationFact> lines);

    /// <summary>Every selector the condition reads lines with: a line none of them names cannot change whether it holds.</summary>
    IEnumerable<DrugSelector> Selectors { get; }
}

/// <summary>A condition used by modifiers and dose bands: on the patient, on another medication, or on a lab value.</summary>
/// <param name="Patient">Patient criteria.</param>
/// <param name="Medication">Another line that must be present.</param>
/// <param name="Lab">A lab threshold.</param>
internal sealed record RuleWhen(PatientCriteria? Patient, DrugSelector? Medication, LabCriterion? Lab)
{
    /// <summary>
    /// Whether every condition holds: on the patient (there whenever there are patient criteria), on the lab values, and on
    /// another medication, which one of <paramref name="others"/> must match.
    /// </summary>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="others">The other lines (for a modifier, those its medication selects; for a dose band, every other line it selects).</param>
    public bool Holds(PatientFact? patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) =>
        (Patient is null || Patient.Holds(patient!)) && (Lab is null || labs.Any(Lab.Holds)) && (Medication is null || others.Any(Medication.Matches));

    /// <summary>The other lines that meet the condition on another medication; none without one.</summary>
    public IReadOnlyList<MedicationFact> With(IReadOnlyList<MedicationFact> others) =>
        Medication is null ? [] : others.Where(Medication.Matches).ToList();

    /// <summary>The patient's values, lab values and other lines that meet the conditions, as text (<c>with verapamil (line C08DA01)</c>).</summary>
    public string Describe(PatientFact? patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) =>
        string.Join(", ", (Patient?.Describe(patient!) ?? []).Concat(labs.Where(l => Lab?.Holds(l) == true).Select(l => Lab!.Describe(l)))
            .Concat(With(others).Select(l => $"with {FindingFactory.Name(l)} (line {l.LineId})")));
}

/// <summary>Raises or lowers the severity when its condition holds (warfarin + NSAID is worse over 65; a PPI lowers it).</summary>
/// <param name="When">The condition.</param>
/// <param name="Steps">Steps up (positive) or down (negative).</param>
/// <param name="Because">Why, for the explanation.</param>
internal sealed record SeverityModifier(RuleWhen When, int Steps, LocalizedText Because);
