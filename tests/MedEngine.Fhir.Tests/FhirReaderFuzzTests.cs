using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace MedEngine.Fhir.Tests;

/// <summary>
/// Mutated FHIR inputs (a collection Bundle of each medication resource, an SFM <c>$getMedication</c> document, Synthea
/// MedicationRequests as NDJSON) into the FHIR reader and the reconciliation behind it: every case is read or refused with
/// coded issues, never an exception, and every entry read is in the reconciled list exactly once.
/// </summary>
public sealed class FhirReaderFuzzTests
{
    private static readonly string[] Inputs =
    [
        FhirSamples.Bundle("collection",
            FhirSamples.Request("r1", dosage: """{"text":"1 tablett 2 ganger daglig","timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablett"}}]}"""),
            FhirSamples.Statement("s1", informationSource: "Patient/p1", dosage: """{"text":"1x1","asNeededBoolean":false}"""),
            FhirSamples.Dispense("d1")),
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sfm-getmedication.json")),
        string.Join("\n", File.ReadLines(RepositoryPaths.OpenData("synthea-10-patients", "MedicationRequest.000.ndjson")).Take(8)),
    ];

    private static readonly Lazy<MedEngineRuntime> Runtime = new(() => new MedEngineBuilder().Build());

    [Property(MaxTest = 1500)]
    public Property AMutatedFhirInput_IsReadOrRefused_AndEveryEntryReadIsAccountedFor() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var input = Inputs[seed % Inputs.Length];
            var text = seed % Inputs.Length == 2
                ? string.Join("\n", input.Split('\n').Select((line, i) => i == seed / 3 % 8 ? JsonMutator.Mutate(line, seed) : line))
                : JsonMutator.Mutate(input, seed);
            ReadAccounting.AssertAccountedFor(new FhirInputReader().Read(text, "fuzz.json"), Runtime.Value, seed);
        });
}
