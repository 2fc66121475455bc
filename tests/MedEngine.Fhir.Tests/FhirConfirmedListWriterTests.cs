using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Fhir.Tests;

/// <summary>The confirmed list as a FHIR List with Provenance, and as SFM's <c>$sendMedication</c> input, checked against NHN's real request.</summary>
public class FhirConfirmedListWriterTests
{
    private static readonly Clinician Doctor = new("9144889", "lege", "Kari Lege");

    /// <summary>The sample patient with every line decided (the NSAID stopped, zopiclone not taken, the rest continued) and confirmed.</summary>
    private static ConfirmedList Decided()
    {
        var session = new MedEngineBuilder().Build().OpenSession();
        session.ApplyAll(Directory.GetFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal)
            .SelectMany(path => new SourceListJsonReader().Read(File.ReadAllText(path), path).SinglePatient().Lists).Select(l => new SourceListReplaced(l)));
        var at = FixedTime.Default.GetUtcNow();
        session.ApplyAll(session.List.Lines.Select(l => new LineDecided(l.Id, l.Id switch
        {
            "M01AE01" => LineDecisionKind.Stop,
            "N05CF01" => LineDecisionKind.NotTaken,
            _ => LineDecisionKind.Accept,
        }, Doctor, at, 7)).Append<PatientEvent>(new ListConfirmed(Doctor, at, 7)));
        return session.Confirmed;
    }

    [Fact]
    public void The_confirmed_list_is_a_List_of_every_decided_statement_with_Provenance_naming_the_clinician_and_validates()
    {
        var confirmed = Decided();
        var bundle = new FhirConfirmedListWriter(FixedTime.Default).ToListBundle("ingrid-1938", confirmed);
        var parsed = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(FhirEvaluationWriter.ToJson(bundle));
        Assert.Empty(parsed.Validate(ModelInfo.ModelInspector, validateRecursively: true));

        var list = parsed.Entry.Select(e => e.Resource).OfType<List>().Single();
        Assert.Equal(confirmed.Lines.Count, list.Entry.Count);
        var statements = parsed.Entry.Select(e => e.Resource).OfType<MedicationStatement>().ToList();
        Assert.Equal(MedicationStatement.MedicationStatusCodes.Stopped, statements.Single(s => s.Identifier.Single().Value == "M01AE01").Status);
        Assert.Equal(MedicationStatement.MedicationStatusCodes.NotTaken, statements.Single(s => s.Identifier.Single().Value == "N05CF01").Status);
        var provenance = parsed.Entry.Select(e => e.Resource).OfType<Provenance>().ToList();
        Assert.All(provenance, p => Assert.Equal("9144889", p.Agent.Single().Who!.Identifier!.Value));
        Assert.Equal(statements.Count + 1, provenance.Sum(p => p.Target.Count)); // each statement, and the List
    }

    [Fact]
    public void The_sendMedication_input_validates_and_carries_every_confirmed_statement_with_its_registration()
    {
        var confirmed = Decided();
        var parameters = new FhirConfirmedListWriter(FixedTime.Default).ToSendMedication("06120182763", confirmed, ("http://sfm.example/Patient/$getMedication", "b23dfeba"));
        var parsed = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Parameters>(FhirEvaluationWriter.ToJson(parameters));
        Assert.Empty(parsed.Validate(ModelInfo.ModelInspector, validateRecursively: true));

        var bundle = (Bundle)parsed.Parameter.Single(p => p.Name == "medication").Resource!;
        Assert.Equal(Bundle.BundleType.Document, bundle.Type);
        Assert.Equal("http://sfm.example/Patient/$getMedication", bundle.Meta!.Source);
        var composition = Assert.IsType<Composition>(bundle.Entry[0].Resource);
        Assert.Equal("b23dfeba", ((Identifier)composition.RelatesTo.Single().Target!).Value);
        var statements = bundle.Entry.Select(e => e.Resource).OfType<MedicationStatement>().ToList();
        Assert.Equal(confirmed.Lines.Count, statements.Count);
        Assert.Equal(statements.Count, composition.Section.Single().Entry.Count);
        Assert.All(statements, s =>
        {
            var regInfo = s.Extension.Single(e => e.Url == FhirConfirmedListWriter.SfmProfiles + "sfm-regInfo");
            Assert.Equal(["status", "type", "provider", "timestamp"], regInfo.Extension.Select(e => e.Url));
        });
        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);
        Assert.All(composition.Section.Single().Entry.Append(composition.Subject!).Concat(composition.Author), r => Assert.Contains(r.Reference!, urls));
    }

    [SharedDataFact("sfm-basis-examples")]
    public void The_sendMedication_input_has_the_shape_of_NHNs_real_request()
    {
        var real = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Parameters>(
            File.ReadAllText(RepositoryPaths.SharedData("sfm-basis-examples", "requests", "sendmed.json")));
        var ours = new FhirConfirmedListWriter(FixedTime.Default).ToSendMedication("06120182763", Decided());
        static Bundle Medication(Parameters p) => (Bundle)p.Parameter.Single(x => x.Name == "medication").Resource!;
        var (theirs, mine) = (Medication(real), Medication(ours));

        Assert.Equal(theirs.Meta!.Profile, mine.Meta!.Profile);
        Assert.Equal(theirs.Type, mine.Type);
        var (theirResources, myResources) = (theirs.Entry.Select(e => e.Resource!).ToList(), mine.Entry.Select(e => e.Resource!).ToList());
        Assert.Equal(theirResources[0].Meta!.Profile, myResources[0].Meta!.Profile);
        var theirSection = ((Composition)theirResources[0]).Section.Single(s => s.Code!.Coding.Any(c => c.Code == "sectionMedication"));
        Assert.Equal(theirSection.Code!.Coding.Single().System, ((Composition)myResources[0]).Section.Single().Code!.Coding.Single().System);
        var profiles = theirResources.Select(r => (r.TypeName, r.Meta?.Profile.FirstOrDefault())).ToHashSet();
        Assert.All(myResources, r => Assert.Contains((r.TypeName, r.Meta?.Profile.FirstOrDefault()), profiles));
        static IEnumerable<string> RegInfo(Resource r) => ((MedicationStatement)r).Extension.Single(e => e.Url!.EndsWith("sfm-regInfo", StringComparison.Ordinal)).Extension.Select(e => e.Url!);
        Assert.Equal(RegInfo(theirResources.First(r => r is MedicationStatement)), RegInfo(myResources.First(r => r is MedicationStatement)));
    }
}
