using System.CommandLine;
using System.Globalization;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Rules;
using MedEngine.Serialization;

namespace MedEngine.Cli;

/// <summary>
/// <c>medengine report</c>: reconciles and evaluates every patient in a set of files (FHIR NDJSON or Bundles, such as a
/// bulk export, or MedEngine source lists) and prints the alert burden (findings per patient by severity, and how many
/// would interrupt under <see cref="FindingFilter.Default"/>), the findings per rule and the entries that did not resolve.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var rules = CommandLine.Value("--rules", "DIR", "The rule files to evaluate (default: the shipped rules).");
        var setting = CommandLine.Setting();
        var inputs = CommandLine.Files("FILE|FOLDER", "FHIR NDJSON or Bundles (a bulk export) or MedEngine source lists; a folder stands for its .json and .ndjson files.", ArgumentArity.OneOrMore);
        var command = new Command("report", "Reconciles and evaluates every patient in the files and prints the findings per patient by severity, how many would interrupt under the default filter, the findings per rule and the entries that did not resolve.") { rules, setting, inputs };
        command.SetAction(parsed => RunAsync(parsed.GetValue(rules) ?? RuleSet.ShippedDirectory, CommandLine.Setting(parsed, setting), parsed.GetValue(inputs)!, output, error));
        return command;
    }

    // setting: the care setting every patient is evaluated in, over any the files give; null leaves each patient's as it is.
    private static async Task<int> RunAsync(string rules, CareSetting? setting, string[] inputs, TextWriter output, TextWriter error)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                paths.AddRange(Directory.GetFiles(input).Where(f => f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                return await CommandLine.FailAsync(error, $"No such file or folder: '{input}'.").ConfigureAwait(false);
            }
        }

        if (paths.Count == 0)
        {
            return await CommandLine.FailAsync(error, "Give the files or folders to report on.").ConfigureAwait(false);
        }

        try
        {
            var runtime = new MedEngineBuilder().UseRulesDirectory(rules).UseLearnedMatcher().Build();
            var patients = await PatientsAsync(paths).ConfigureAwait(false);
            var findings = new SortedDictionary<string, (int Findings, HashSet<string> Patients)>(StringComparer.Ordinal);
            var unresolved = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var bySeverity = new SortedDictionary<Severity, (int Findings, HashSet<string> Patients)>(Comparer<Severity>.Create((a, b) => b.CompareTo(a)));
            var interrupting = (Findings: 0, Patients: new HashSet<string>(StringComparer.Ordinal));
            int entries = 0, resolved = 0;
            foreach (var (id, patient) in patients)
            {
                var evaluation = runtime.Evaluate(patient.Lists, setting is null ? patient.Context : (patient.Context ?? new PatientContext()) with { Setting = setting });
                entries += evaluation.List.EntryCount;
                resolved += evaluation.List.EntryCount - evaluation.List.Unresolved.Count;
                foreach (var entry in evaluation.List.Unresolved)
                {
                    var name = entry.Entry.Entry.Name ?? string.Join(", ", entry.Entry.Entry.Codings.Select(c => $"{c.System} {c.Code}"));
                    unresolved[name] = unresolved.GetValueOrDefault(name) + 1;
                }

                foreach (var finding in evaluation.Findings)
                {
                    var (count, who) = findings.GetValueOrDefault(finding.RuleId, (0, new HashSet<string>(StringComparer.Ordinal)));
                    who.Add(id);
                    findings[finding.RuleId] = (count + 1, who);
                    var (severityCount, severityWho) = bySeverity.GetValueOrDefault(finding.Severity, (0, new HashSet<string>(StringComparer.Ordinal)));
                    severityWho.Add(id);
                    bySeverity[finding.Severity] = (severityCount + 1, severityWho);
                    if (FindingFilter.Default.Passes(finding))
                    {
                        interrupting.Findings++;
                        interrupting.Patients.Add(id);
                    }
                }
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{patients.Count} patients, {entries} entries, {resolved} resolved ({(entries == 0 ? 0 : 100.0 * resolved / entries):0.0} %), {entries - resolved} unresolved.")).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("Findings by severity (findings, per patient, patients):").ConfigureAwait(false);
            foreach (var severity in Enum.GetValues<Severity>().OrderDescending())
            {
                var (count, who) = bySeverity.GetValueOrDefault(severity, (0, []));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {Severities.ToName(severity),-16} {count,6} {PerPatient(count, patients.Count),6:0.00} {who.Count,6}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Interrupting under the default filter ({Severities.ToName(FindingFilter.Default.MinimumSeverity)} and above): {interrupting.Findings} findings, {PerPatient(interrupting.Findings, patients.Count):0.00} per patient, {interrupting.Patients.Count} of {patients.Count} patients.")).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("Findings per rule (findings, patients):").ConfigureAwait(false);
            foreach (var (rule, tally) in findings)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {rule,-45} {tally.Findings,6} {tally.Patients.Count,6}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("Entries that did not resolve (entries):").ConfigureAwait(false);
            foreach (var (name, count) in unresolved)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {count,6}  {name}")).ConfigureAwait(false);
            }

            return CommandLine.Success;
        }
        catch (InputException e)
        {
            foreach (var problem in e.Errors)
            {
                await error.WriteLineAsync("medengine: " + problem).ConfigureAwait(false);
            }

            return CommandLine.BadInput;
        }
    }

    private static double PerPatient(int count, int patients) => patients == 0 ? 0 : (double)count / patients;

    /// <summary>The patients in the files: lists and facts gathered by patient id across files.</summary>
    private static async Task<List<(string Id, (List<SourceList> Lists, PatientContext? Context) Patient)>> PatientsAsync(List<string> paths)
    {
        var byId = new SortedDictionary<string, (List<SourceList> Lists, List<PatientContext?> Facts)>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var read = await InputLoader.Readers.ReadFileAsync(path).ConfigureAwait(false);
            foreach (var input in read.ThrowIfIssues().Patients)
            {
                var id = input.Patient?.Id ?? Path.GetFileNameWithoutExtension(path);
                if (!byId.TryGetValue(id, out var patient))
                {
                    byId[id] = patient = ([], []);
                }

                patient.Lists.AddRange(input.Lists);
                patient.Facts.Add(input.Patient);
            }
        }

        return byId.Select(p => (p.Key, (p.Value.Lists, PatientContexts.Merge(p.Value.Facts)))).ToList();
    }
}
