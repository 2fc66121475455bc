using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Fhir.Tests;

public class FhirEvaluationWriterTests
{
    private static readonly Lazy<ReconciliationResult> Sample = new(() => new MedEngineBuilder().Build().Evaluate(
        Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal)
            .SelectMany(path => new SourceListJsonReader().Read(File.ReadAllText(path), path).SinglePatient().Lists)).List);

    private static Bundle Write() => new FhirEvaluationWriter(FixedTime.Default, "Patient/ingrid-1938").ToBundle(new PatientEvaluation(Sample.Value, []));

    [Fact]
    public void Bundle_has_one_list_entry_per_line_and_one_issue_per_discrepancy()
    {
        var result = Sample.Value;
        var bundle = Write();

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var list = bundle.Entry.Select(e => e.Resource).OfType<List>().Single(l => l.Title == FhirEvaluationWriter.ListTitle);
        Assert.Equal(result.Lines.Count, list.Entry.Count);
        Assert.Equal(List.ListStatus.Current, list.Status);
        Assert.Equal(ListMode.Working, list.Mode);
        Assert.Equal("10160-0", list.Code!.Coding.Single().Code);
        Assert.All(list.Entry, e => Assert.Contains(e.Flag!.Coding.Single().Code, new[] { "agreed", "discrepancy" }));
        Assert.Equal("2026-09-12T08:30:00+00:00", list.Date);
        Assert.Equal(result.Lines.Sum(l => l.Discrepancies.Count), bundle.Entry.Count(e => e.Resource is DetectedIssue));
        Assert.Equal(result.Lines.Count, bundle.Entry.Count(e => e.Resource is Provenance));
        Assert.Equal(result.Lines.Count + result.EntryCount, bundle.Entry.Count(e => e.Resource is MedicationStatement));
        Assert.True(result.Lines.Sum(l => l.Discrepancies.Count) > 0, "the sample should have discrepancies");
    }

    [Fact]
    public void References_resolve_inside_the_bundle()
    {
        var bundle = Write();
        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);

        foreach (var issue in bundle.Entry.Select(e => e.Resource).OfType<DetectedIssue>())
        {
            Assert.NotEmpty(issue.Implicated);
            Assert.All(issue.Implicated, r => Assert.Contains(r.Reference, urls));
            Assert.Contains(issue.Code!.Coding, c => c.System == FhirSystems.Discrepancy && c.Code!.StartsWith("MR", StringComparison.Ordinal));
            Assert.Equal(ObservationStatus.Final, issue.Status);
        }

        foreach (var provenance in bundle.Entry.Select(e => e.Resource).OfType<Provenance>())
        {
            Assert.Contains(Assert.Single(provenance.Target).Reference, urls);
            Assert.NotEmpty(provenance.Entity);
            Assert.All(provenance.Entity, e => Assert.Contains(e.What!.Reference, urls));
        }

        var sourceStatements = bundle.Entry.Select(e => e.Resource).OfType<MedicationStatement>()
            .Where(s => s.Identifier.Any(i => i.System!.StartsWith(FhirSystems.SourcePrefix, StringComparison.Ordinal))).ToList();
        Assert.Equal(Sample.Value.EntryCount, sourceStatements.Count);
    }

    [Fact]
    public void Bundle_round_trips_and_validates()
    {
        var bundle = Write();
        var json = FhirEvaluationWriter.ToJson(bundle);

        var parsed = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(json);

        Assert.True(parsed.IsExactly(bundle));
        Assert.Equal(json, FhirEvaluationWriter.ToJson(parsed));
        Assert.Empty(parsed.Validate(ModelInfo.ModelInspector, validateRecursively: true));
        foreach (var resource in parsed.Entry.Select(e => e.Resource))
        {
            switch (resource)
            {
                case List list:
                    Assert.NotNull(list.Status);
                    Assert.NotNull(list.Mode);
                    break;
                case DetectedIssue issue:
                    Assert.NotNull(issue.Status);
                    break;
                case Provenance provenance:
                    Assert.NotEmpty(provenance.Target);
                    Assert.NotNull(provenance.Recorded);
                    Assert.NotEmpty(provenance.Agent);
                    break;
                case MedicationStatement statement:
                    Assert.NotNull(statement.Status);
                    Assert.NotNull(statement.Medication);
                    Assert.NotNull(statement.Subject);
                    break;
                default:
                    Assert.Fail("unexpected " + resource!.TypeName);
                    break;
            }
        }
    }

    [Fact]
    public void Output_is_deterministic() => Assert.Equal(FhirEvaluationWriter.ToJson(Write()), FhirEvaluationWriter.ToJson(Write()));

    [Fact]
    public async System.Threading.Tasks.Task The_writer_contract_writes_the_bundle_as_fhir_json()
    {
        IEvaluationWriter writer = new FhirEvaluationWriter(FixedTime.Default, "Patient/ingrid-1938");
        using var output = new StringWriter();

        await writer.WriteAsync(new PatientEvaluation(Sample.Value, []), output);

        Assert.Equal(("fhir", "application/fhir+json"), (writer.Format, writer.MediaType));
        Assert.Equal(FhirEvaluationWriter.ToJson(Write()), output.ToString());
    }

    [Fact]
    public void Written_source_statements_read_back_as_the_same_entries()
    {
        var bundle = Write();
        var read = new FhirInputReader().Read(FhirEvaluationWriter.ToJson(bundle), "out.json", SourceKind.Unknown);

        var entries = read.Patients.Single().Lists.Single().Entries;
        Assert.Equal(bundle.Entry.Count(e => e.Resource is MedicationStatement), entries.Count);
        Assert.Equal(3, read.Skipped.Keys.Count(k => k is "List" or "DetectedIssue" or "Provenance"));
    }
}
