using Hl7.Fhir.Model;
using MedEngine;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Serialization;

// Reconciles the source lists in a folder (default: the sample patient) with the shipped knowledge and rules, and prints the
// FHIR R4 Bundle's Lists and one DetectedIssue per finding.
var folder = args.Length > 0 ? args[0] : "data/samples";
var runtime = new MedEngineBuilder().UseShippedRules().Build();
var reader = new SourceListJsonReader();
var inputs = new List<PatientInput>();
foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
{
    // A reader returns what it could read and every problem; SinglePatient throws the problems together, with file, entry and field.
    inputs.Add((await reader.ReadFileAsync(path)).SinglePatient());
}
var evaluation = runtime.Evaluate(inputs.SelectMany(input => input.Lists), PatientContexts.Merge(inputs.Select(input => input.Patient)));
var bundle = new FhirEvaluationWriter(runtime.Time).ToBundle(evaluation);

foreach (var list in bundle.Entry.Select(e => e.Resource).OfType<List>())
{
    Console.WriteLine($"List {list.Title}: {list.Entry.Count} entries");
}

foreach (var issue in bundle.Entry.Select(e => e.Resource).OfType<DetectedIssue>())
{
    Console.WriteLine($"DetectedIssue {string.Join(" ", issue.Code?.Coding.Select(c => c.Code) ?? [])} ({issue.Severity}): {issue.Detail}");
}
