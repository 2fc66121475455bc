namespace MedEngine.Findings;

/// <summary>The words of findings shown to a person, in Norwegian (bokmål, <c>nb</c>) or English (<c>en</c>).</summary>
public static class FindingWords
{
    /// <summary>A severity's name in a language (<c>kontraindisert</c>, <c>bør unngås</c>, <c>forsiktighet</c>, <c>informasjon</c>).</summary>
    /// <param name="severity">The severity.</param>
    /// <param name="language"><c>nb</c> or <c>en</c>.</param>
    /// <returns>The name.</returns>
    public static string Severity(Severity severity, string language) => language != "nb" ? Severities.ToName(severity) : severity switch
    {
        Findings.Severity.Contraindicated => "kontraindisert",
        Findings.Severity.Avoid => "bør unngås",
        Findings.Severity.Caution => "forsiktighet",
        _ => "informasjon",
    };

    /// <summary>A change of severity (<c>hevet 1 trinn: …</c>, <c>raised 2 steps: …</c>); the reason only when given in that language.</summary>
    /// <param name="change">The change.</param>
    /// <param name="language"><c>nb</c> or <c>en</c>.</param>
    /// <returns>The text.</returns>
    public static string Change(SeverityChange change, string language)
    {
        ArgumentNullException.ThrowIfNull(change);
        var steps = Math.Abs(change.Steps);
        var norwegian = language == "nb";
        var text = norwegian
            ? $"{(change.Steps > 0 ? "hevet" : "senket")} {steps} trinn"
            : $"{(change.Steps > 0 ? "raised" : "lowered")} {Count(steps, "step", "steps")}";
        var because = norwegian ? change.Because.Nb : change.Because.En;
        return because.Length > 0 ? $"{text}: {because}" : text;
    }

    /// <summary>
    /// A finding's explanation in English, built from its parts: the lines' names, the message, the values and the severity
    /// change (<c>warfarin + ibuprofen: … Values: …. Severity caution raised 1 step: age ≥ 75, giving avoid.</c>).
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The explanation.</returns>
    public static string Explain(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var names = string.Join(" + ", finding.LineNames);
        var text = $"{(names.Length > 0 ? names + ": " : "")}{finding.Message.En}";
        if (finding.Values.Count > 0)
        {
            text += " Values: " + string.Join("; ", finding.Values) + ".";
        }

        if (finding.Modifiers.Count > 0)
        {
            text += $" Severity {Severities.ToName(finding.BaseSeverity)} {string.Join("; ", finding.Modifiers.Select(a => Change(a, "en")))}, giving {Severities.ToName(finding.Severity)}.";
        }

        return text;
    }

    /// <summary>A count with its noun in singular or plural (<c>1 legemiddel</c>, <c>2 legemidler</c>).</summary>
    /// <param name="count">The count.</param>
    /// <param name="singular">The noun for one.</param>
    /// <param name="plural">The noun for any other number.</param>
    /// <returns>The count and the noun.</returns>
    public static string Count(int count, string singular, string plural) => $"{count} {(count == 1 ? singular : plural)}";
}
