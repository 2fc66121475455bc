using MedEngine;
using MedEngine.Model;
using MedEngine.Serialization;

// Reconciles the source lists in a folder (default: the sample patient) with the shipped knowledge base and no decision
// support, and prints each line with its proposed state and discrepancy codes.
var folder = args.Length > 0 ? args[0] : "data/samples";
var runtime = new MedEngineBuilder().Build();
var reader = new SourceListJsonReader();
var inputs = new List<PatientInput>();
foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
{
    // A reader returns what it could read and every problem; SinglePatient throws the problems together, with file, entry and field.
    inputs.Add((await reader.ReadFileAsync(path)).SinglePatient());
}
var evaluation = runtime.Evaluate(inputs.SelectMany(input => input.Lists), PatientContexts.Merge(inputs.Select(input => input.Patient)));

foreach (var line in evaluation.List.Lines)
{
    Console.WriteLine($"line {line.Id} {line.Proposed.Status}: {string.Join(", ", line.Discrepancies.Select(d => d.Code))}");
}

Console.WriteLine($"{evaluation.List.Lines.Count} lines, {evaluation.Findings.Count} findings (no decision support)");
