namespace MedEngine.Rules;

/// <summary>What must be true for a rule to fire; one subtype per rule kind.</summary>
internal abstract record RuleCondition
{
    private protected RuleCondition()
    {
    }
}

/// <summary>Drug-drug interaction: one line from each group (two or more groups), each a different line.</summary>
/// <param name="Groups">The substance groups.</param>
internal sealed record InteractionCondition(IReadOnlyList<DrugSelector> Groups) : RuleCondition;

/// <summary>Drug-drug interactions looked up in a table: two different lines whose substances form a pair in the table.</summary>
/// <param name="Table">The table, loaded and indexed.</param>
internal sealed record InteractionTableCondition(InteractionTable Table) : RuleCondition;

/// <summary>What two lines must share to be duplicate therapy.</summary>
internal enum DuplicateMode
{
    /// <summary>A substance (paracetamol alone and in a combination).</summary>
    Substance,
    /// <summary>An ATC group at the rule's level (two NSAIDs of M01AE, at level 4).</summary>
    Group,
    /// <summary>Nothing more than both matching the rule's drug selector.</summary>
    Any,
}

/// <summary>Duplicate therapy: two different lines matching the selector that share what <paramref name="Same"/> says.</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Same">What they must share.</param>
/// <param name="Level">For <see cref="DuplicateMode.Group"/>: the ATC level (1 to 4) they must share.</param>
internal sealed record DuplicateCondition(DrugSelector Drug, DuplicateMode Same, int Level) : RuleCondition;

/// <summary>A drug in a patient with given characteristics (age, sex, pregnancy, weight, conditions, allergies).</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Patient">What the patient must be or have.</param>
internal sealed record DrugPatientCondition(DrugSelector Drug, PatientCriteria Patient) : RuleCondition;

/// <summary>A drug with a lab value past a threshold.</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Lab">The threshold.</param>
internal sealed record DrugLabCondition(DrugSelector Drug, LabCriterion Lab) : RuleCondition;

/// <summary>A band of a dose limit: the first band whose condition holds gives the limits.</summary>
/// <param name="When">When the band applies; <see langword="null"/> for always.</param>
/// <param name="MaxDailyMg">The most per day in mg.</param>
/// <param name="MaxSingleMg">The most per administration in mg.</param>
/// <param name="MaxDailyMgPerKg">The most per day in mg per kg body weight.</param>
internal sealed record DoseBand(RuleWhen? When, decimal? MaxDailyMg, decimal? MaxSingleMg, decimal? MaxDailyMgPerKg);

/// <summary>A dose above the limit of the first band that applies (by age, renal function...).</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Bands">The bands, in order.</param>
internal sealed record DoseLimitCondition(DrugSelector Drug, IReadOnlyList<DoseBand> Bands) : RuleCondition;

/// <summary>The sum over a class of daily dose × factor (morphine milligram equivalents, anticholinergic load) above a threshold.</summary>
/// <param name="Drug">The lines counted.</param>
/// <param name="Factors">Factor per ATC code or prefix (per mg of daily dose, or per line when the rule counts lines).</param>
/// <param name="Threshold">The total must be above this.</param>
/// <param name="Unit">The unit of the total (<c>MME/day</c>, <c>points</c>).</param>
/// <param name="PerLine">Whether factors count per line (a load score) rather than per mg.</param>
internal sealed record CumulativeCondition(DrugSelector Drug, IReadOnlyDictionary<string, decimal> Factors, decimal Threshold, string Unit, bool PerLine) : RuleCondition;

/// <summary>A START-style suggestion: the patient has the condition (or lab value) and no line of the group.</summary>
/// <param name="Patient">What the patient must have, when given.</param>
/// <param name="Lab">A lab threshold, when given.</param>
/// <param name="Missing">The group of which no line must exist.</param>
internal sealed record MissingTherapyCondition(PatientCriteria? Patient, LabCriterion? Lab, DrugSelector Missing) : RuleCondition;

/// <summary>A condition used by modifiers and dose bands: on the patient, on another medication, or on a lab value.</summary>
/// <param name="Patient">Patient criteria.</param>
/// <param name="Medication">Another line that must be present.</param>
/// <param name="Lab">A lab threshold.</param>
internal sealed record RuleWhen(PatientCriteria? Patient, DrugSelector? Medication, LabCriterion? Lab);

/// <summary>Raises or lowers the severity when its condition holds (warfarin + NSAID is worse over 65; a PPI lowers it).</summary>
/// <param name="When">The condition.</param>
/// <param name="Steps">Steps up (positive) or down (negative).</param>
/// <param name="Because">Why, for the explanation.</param>
internal sealed record SeverityModifier(RuleWhen When, int Steps, string Because);
