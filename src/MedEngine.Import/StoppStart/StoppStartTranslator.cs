using System.Text;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.StoppStart;

/// <summary>
/// Translates the STOPP/START version 2 computable XML (Huibers et al., LGPL-3.0) into MedEngine rule files
/// (docs/rule-files.md): one file per criterion with one or more rules, each with generated examples; a
/// <c>translation.tsv</c> with every criterion's outcome; and <c>LICENSE.md</c>, since the rules derive from LGPL-3.0 data
/// and stay a separate file set. The mapping is in docs/stopp-start-v2.md.
/// </summary>
public static class StoppStartTranslator
{
    private const string TranslationFile = "translation.tsv";
    private const string LicenceFile = "LICENSE.md";

    /// <summary>The main figures, first in the summary.</summary>
    private static readonly string[] Figures =
    [
        "STOPP criteria", "START criteria", "criteria translated fully", "criteria translated partly",
        "criteria translated partly only for ATC codes missing from the knowledge base", "criteria not translated", "rules written", "examples written",
    ];

    /// <summary>
    /// Translates <paramref name="xmlFile"/> into <paramref name="outDirectory"/>, replacing the rule files an earlier run
    /// wrote there (<c>stopp2-*.yaml</c>, <c>start2-*.yaml</c>). ATC codes no substance of <paramref name="knowledge"/>
    /// matches are left out, as <c>rules check</c> would refuse them.
    /// </summary>
    /// <param name="xmlFile">The XML (<c>stoppstart.xml</c>); a <c>LICENSE</c> file beside it is copied into LICENSE.md.</param>
    /// <param name="outDirectory">The folder to write; created when missing.</param>
    /// <param name="knowledge">The knowledge base the rules will be checked against.</param>
    /// <returns>Criteria read; counts of criteria translated fully, partly and not, rules and examples written; and, as skipped
    /// items, every criterion not translated or translated partly with the reason, and every ATC code left out.</returns>
    /// <exception cref="InputException">The file is not well-formed XML or not a STOPP/START rules file.</exception>
    public static ImportResult Import(string xmlFile, string outDirectory, IKnowledgeBase knowledge)
    {
        ArgumentException.ThrowIfNullOrEmpty(xmlFile);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        ArgumentNullException.ThrowIfNull(knowledge);
        var criteria = StoppStartXml.Read(xmlFile);
        var log = new ImportLog();
        foreach (var figure in Figures)
        {
            log.Count(figure, 0);
        }

        var translator = new CriterionTranslator(new KnownSubstances(knowledge), log);
        Directory.CreateDirectory(outDirectory);
        foreach (var old in Directory.EnumerateFiles(outDirectory, "*.yaml").Where(f => Path.GetFileName(f).StartsWith("stopp2-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("start2-", StringComparison.Ordinal)))
        {
            File.Delete(old);
        }

        var files = new List<string>();
        var outcomes = new List<CriterionOutcome>();
        foreach (var criterion in criteria)
        {
            log.CountRead();
            log.Count(criterion.IsStart ? "START criteria" : "STOPP criteria");
            var outcome = translator.Translate(criterion);
            outcomes.Add(outcome);
            Count(outcome, log);
            if (outcome.Rules.Count > 0)
            {
                var file = Path.Combine(outDirectory, StoppStartRules.FileName(criterion));
                File.WriteAllText(file, RuleYamlWriter.Write(criterion, outcome), new UTF8Encoding(false));
                files.Add(file);
            }
        }

        files.Add(WriteTranslation(outDirectory, xmlFile, outcomes));
        files.Add(WriteLicence(outDirectory, xmlFile));
        return log.Result($"STOPP/START v2 computable XML ({Path.GetFileName(xmlFile)})", files);
    }

    private static void Count(CriterionOutcome outcome, ImportLog log)
    {
        var id = outcome.Criterion.Id;
        switch (outcome.Outcome)
        {
            case "full":
                log.Count("criteria translated fully");
                break;
            case "partial":
                log.Count("criteria translated partly");
                if (outcome.PartialOnlyByKnowledge)
                {
                    log.Count("criteria translated partly only for ATC codes missing from the knowledge base");
                }

                foreach (var loss in outcome.Losses)
                {
                    log.Skip("translated partly: " + loss, id, outcome.Criterion.Location);
                }

                break;
            default:
                log.Count("criteria not translated");
                log.Skip("not translated: " + outcome.NotReason, id, outcome.Criterion.Location);
                break;
        }

        log.Count("rules written", outcome.Rules.Count);
        log.Count("examples written", outcome.Rules.Sum(r => r.Examples.Count));
        foreach (var rule in outcome.Rules)
        {
            log.Count("rules of kind " + rule.Draft.Kind);
        }
    }

    private static string WriteTranslation(string outDirectory, string xmlFile, List<CriterionOutcome> outcomes)
    {
        var path = Path.Combine(outDirectory, TranslationFile);
        TsvWriter.Write(path,
            [$"How each STOPP/START v2 criterion of {Path.GetFileName(xmlFile)} translated (generated by medengine import stoppstart; LGPL-3.0 source, see LICENSE.md).",
                "outcome: full (every condition expressed), partial (left out: ...), not (no rule: reason)."],
            ["criterion", "outcome", "rules", "left out or reason"],
            outcomes.Select(o => (IReadOnlyList<string>)[o.Criterion.Id, o.Outcome, string.Join(" ", o.Rules.Select(r => r.Id)),
                o.Outcome == "not" ? o.NotReason : string.Join("; ", o.Losses)]));
        return path;
    }

    private static string WriteLicence(string outDirectory, string xmlFile)
    {
        var path = Path.Combine(outDirectory, LicenceFile);
        var source = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(xmlFile)) ?? ".", "LICENSE");
        var text = new StringBuilder()
            .Append("# Licence of the rules in this folder\n\n")
            .Append("The rule files in this folder (`stopp2-*.yaml`, `start2-*.yaml`) and `translation.tsv` are generated by\n")
            .Append("`medengine import stoppstart` from the STOPP/START version 2 computable algorithms of Huibers et al.\n")
            .Append("(`stoppstart.xml`), which are licensed under the GNU Lesser General Public License version 3 (LGPL-3.0).\n")
            .Append("They are a derived work under the same licence, kept as a file set separate from the rest of MedEngine's\n")
            .Append("rule library and code. The LGPL-3.0 supplements the GNU General Public License version 3\n")
            .Append("(<https://www.gnu.org/licenses/gpl-3.0.html>).\n\n")
            .Append("- ").Append(StoppStartRules.References[0]).Append('\n')
            .Append("- ").Append(StoppStartRules.References[1]).Append("\n\n")
            .Append("See docs/stopp-start-v2.md for how the criteria were translated.\n");
        if (File.Exists(source))
        {
            text.Append("\n## The licence of the source (copied from its LICENSE file)\n\n```text\n")
                .Append(File.ReadAllText(source).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd()).Append("\n```\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }
}
