namespace MedEngine.Import.StoppStart;

/// <summary>
/// What an iteration requires of the patient, from its episodes (diagnoses) and measurements: condition keys, age, sex
/// and one lab threshold, with what could not be expressed.
/// </summary>
internal sealed class PatientParts
{
    public List<string> Conditions { get; } = [];

    public string? Age { get; private set; }

    public string? Sex { get; private set; }

    public LabThreshold? Lab { get; private set; }

    /// <summary>Why the iteration cannot be expressed at all, when it cannot.</summary>
    public string? NotReason { get; private set; }

    public bool HasCriteria => Conditions.Count > 0 || Age is not null || Sex is not null || Lab is not null;

    public static PatientParts From(SourceCriterion criterion, SourceIteration iteration, List<string> losses)
    {
        var parts = new PatientParts();
        var episodes = iteration.Conditions.Where(c => c.Kind == ElementKind.Episode).ToList();
        if (episodes.Any(e => e.Negative))
        {
            losses.Add(Losses.UnlessDiagnosis);
        }

        var positive = episodes.Where(e => !e.Negative).ToList();
        if (positive.Count > 1)
        {
            losses.Add(Losses.SecondDiagnosis);
        }

        if (positive.Count > 0)
        {
            var episode = positive[^1];
            parts.Conditions.AddRange(episode.Included.SelectMany(c => c.Values.Select(v => CodeMapper.Condition(c.Terminology, v))).OfType<string>().Distinct(StringComparer.Ordinal));
            if (episode.Qualifiers.Count > 0)
            {
                losses.Add(Losses.DiagnosisTime);
            }
        }

        foreach (var measurement in iteration.Conditions.Where(c => c.Kind == ElementKind.Measurement))
        {
            parts.AddMeasurement(criterion.Id, measurement, losses);
        }

        return parts;
    }

    private void AddMeasurement(string criterion, SourceElement measurement, List<string> losses)
    {
        var loinc = measurement.Included.SelectMany(c => c.Values).Select(v => v.Text).FirstOrDefault() ?? "";
        var result = measurement.Qualifiers.FirstOrDefault(q => q.Name == "result");
        if (result is null || result.Values.Count == 0 || measurement.Negative)
        {
            losses.Add(Losses.MeasuredOnly);
            return;
        }

        if (loinc == CodeMapper.SexLoinc && result.Operator == "=")
        {
            Sex = result.Values[0].ToLowerInvariant();
            return;
        }

        if (CodeMapper.Number(result.Values[0]) is not { } value || result.Operator is not ("<" or ">"))
        {
            NotReason ??= Losses.OtherResult;
            return;
        }

        if (loinc == CodeMapper.AgeLoinc)
        {
            Age = $"{Errata.AgeOperator(criterion, result.Operator)} {value}";
            return;
        }

        var test = CodeMapper.LabTest(criterion, loinc, value);
        if (!CodeMapper.IsNamed(test))
        {
            NotReason ??= Losses.LoincLab;
        }
        else if (Lab is not null)
        {
            losses.Add(Losses.SecondLab);
        }
        else
        {
            Lab = new LabThreshold(test, result.Operator == "<" ? value : null, result.Operator == ">" ? value : null);
        }
    }
}
