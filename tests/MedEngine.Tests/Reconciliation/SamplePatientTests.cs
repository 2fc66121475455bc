using MedEngine.Model;
using MedEngine.Reconciliation;
using Xunit;

namespace MedEngine.Tests.Reconciliation;

/// <summary>The discrepancies a pharmacist finds in the sample patient (data/samples/README.md), found by the engine.</summary>
public sealed class SamplePatientTests
{
    private static readonly ReconciliationResult Result = ReconciliationEngine.CreateDefault().Reconcile(SamplePatient.Lists);

    private static ReconciledLine Line(string id) => Assert.Single(Result.Lines, l => l.Id == id);

    private static Discrepancy Single(string lineId, DiscrepancyKind kind) => Assert.Single(Line(lineId).Discrepancies, d => d.Kind == kind);

    [Fact]
    public void EveryEntry_IsAccountedForExactlyOnce()
    {
        var input = SamplePatient.Lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))).Order().ToList();
        var output = Result.Lines.SelectMany(l => l.Entries).Concat(Result.Unresolved.Select(u => u.Entry))
            .Select(e => (e.Source.Id, e.Entry.EntryId)).Order().ToList();
        Assert.Equal(input, output);
    }

    [Fact]
    public void Ibuprofen_StoppedByHospital_ActiveElsewhere_IsStatusConflictAndProposedStopped()
    {
        var line = Line("M01AE01");
        Assert.Equal(EntryStatus.Stopped, line.Proposed.Status);
        Assert.Equal("sykehus-med-epikrise", line.Proposed.From.Source.Id);
        Assert.Contains("newest clinician-confirmed list", line.Proposed.Reason, StringComparison.Ordinal);
        var conflict = Single("M01AE01", DiscrepancyKind.Status);
        Assert.Equal(DiscrepancyCodes.StatusConflict, conflict.Code);
        Assert.Contains(conflict.Entries, e => e.Source == "gp-olsen");
    }

    [Fact]
    public void Furosemide_RaisedByHospital_IsDoseDiscrepancyAndStale()
    {
        var dose = Single("C03CA01", DiscrepancyKind.Dose);
        Assert.Contains("80 mg", dose.Detail, StringComparison.Ordinal);
        Assert.Contains("40 mg", dose.Detail, StringComparison.Ordinal);
        Assert.Equal(80m, Line("C03CA01").Proposed.From.DailyDose!.Value);
        Assert.Contains(Single("C03CA01", DiscrepancyKind.Stale).Entries, e => e.Source == "gp-olsen");
    }

    [Fact]
    public void Metoprolol_OnceVersusTwiceDaily_IsFrequencyDiscrepancy() =>
        Assert.Contains(Single("C07AB02", DiscrepancyKind.Frequency).Entries, e => e.Source == "hjemmesykepleien-fjellheim");

    [Fact]
    public void Spironolactone_AddedByHospital_IsOmissionFromGpAndHomeCare()
    {
        var omission = Single("C03DA01", DiscrepancyKind.Omission);
        Assert.Contains("gp-olsen", omission.Detail, StringComparison.Ordinal);
        Assert.Contains("hjemmesykepleien-fjellheim", omission.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AcetylsalicylicAcid_DroppedFromNewestList_IsCommission() =>
        Assert.Equal(DiscrepancyCodes.Commission, Single("B01AC06", DiscrepancyKind.Commission).Code);

    [Fact]
    public void Paracetamol_TwoProductsInPatientList_IsDuplication()
    {
        var duplication = Single("N02BE01", DiscrepancyKind.Duplication);
        Assert.All(duplication.Entries, e => Assert.Equal("pasient-egenrapport", e.Source));
        Assert.Equal(2, duplication.Entries.Count);
    }

    [Fact]
    public void Zopiclone_OnlyDispensed_IsDispensedNotListedWithUnknownStatus()
    {
        Assert.Equal(EntryStatus.Unknown, Line("N05CF01").Proposed.Status);
        Assert.Equal(DiscrepancyCodes.DispensedNotListed, Single("N05CF01", DiscrepancyKind.DispensedNotListed).Code);
    }

    [Fact]
    public void MisspeltMetformin_IsUnresolvedAndProposedOnTheMetforminLine()
    {
        var unresolved = Assert.Single(Result.Unresolved);
        Assert.Equal("Metforrmin", unresolved.Entry.Entry.Name);
        var proposal = Single("A10BA02", DiscrepancyKind.PossibleMatch);
        Assert.Equal(new EntryReference("pasient-egenrapport", unresolved.Entry.Entry.EntryId), Assert.Single(proposal.Entries));
        Assert.DoesNotContain(Line("A10BA02").Entries, e => e.Entry.Name == "Metforrmin");
    }

    [Fact]
    public void DiclofenacGel_IsItsOwnTopicalLine() =>
        Assert.All(Line("M01AB05@topical").Entries, e => Assert.Equal("topical", e.Route));

    [Fact]
    public void PatientReported_NeverOutranksClinician()
    {
        Assert.All(Result.Lines.Where(l => l.Entries.Any(e => SourceKinds.IsClinicianList(e.Source.Kind))),
            l => Assert.True(SourceKinds.IsClinicianList(l.Proposed.From.Source.Kind), l.Id));
    }
}
