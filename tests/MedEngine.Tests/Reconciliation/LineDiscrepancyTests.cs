using MedEngine.Model;
using MedEngine.Reconciliation;
using Xunit;

namespace MedEngine.Tests.Reconciliation;

/// <summary>One scenario per discrepancy rule that the sample patient does not show.</summary>
public sealed class LineDiscrepancyTests
{
    private static readonly DateTimeOffset September = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static SourceList List(string id, SourceKind kind, DateTimeOffset? confirmed, params MedicationEntry[] entries) =>
        new(new MedicationSource(id, kind, confirmed), entries);

    private static MedicationEntry Entry(string id, string name, EntryStatus status = EntryStatus.Active, string? route = null, string? dosage = null) =>
        new() { EntryId = id, Name = name, Status = status, Route = route, DosageText = dosage };

    private static ReconciledLine OnlyLine(params SourceList[] lists) =>
        Assert.Single(ReconciliationEngine.CreateDefault().Reconcile(lists).Lines);

    [Fact]
    public void OralAndIntravenous_IsRouteDiscrepancy()
    {
        var line = OnlyLine(
            List("gp", SourceKind.GeneralPractitioner, September, Entry("1", "Furix 40 mg", route: "oral")),
            List("sykehus", SourceKind.Hospital, November, Entry("2", "furosemid", route: "iv")));
        Assert.Equal(DiscrepancyCodes.RouteDiffers, Assert.Single(line.Discrepancies, d => d.Kind == DiscrepancyKind.Route).Code);
    }

    [Fact]
    public void TabletAndModifiedReleaseTablet_IsFormDiscrepancy()
    {
        var line = OnlyLine(
            List("gp", SourceKind.GeneralPractitioner, September, Entry("1", "Metoprolol 50 mg tablett")),
            List("sykehus", SourceKind.Hospital, November, Entry("2", "Selo-Zok 50 mg depottablett")));
        Assert.Contains("modified-release tablet", Assert.Single(line.Discrepancies, d => d.Kind == DiscrepancyKind.Form).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewedPrescriptionInOneSource_IsNoStatusConflict()
    {
        var line = OnlyLine(List("rf", SourceKind.Prescriptions, November,
            Entry("old", "Marevan 2,5 mg", EntryStatus.Stopped), Entry("new", "Marevan 2,5 mg", EntryStatus.Active)));
        Assert.DoesNotContain(line.Discrepancies, d => d.Kind == DiscrepancyKind.Status);
    }

    [Fact]
    public void EnteredInError_IsKeptButIgnored()
    {
        var line = OnlyLine(
            List("gp", SourceKind.GeneralPractitioner, November, Entry("1", "Paracet 500 mg", EntryStatus.EnteredInError, dosage: "2x4")),
            List("sykehus", SourceKind.Hospital, September, Entry("2", "Paracet 500 mg", dosage: "2x2")));
        Assert.Equal(2, line.Entries.Count);
        Assert.Equal("sykehus", line.Proposed.From.Source.Id);
        Assert.DoesNotContain(line.Discrepancies, d => d.Kind is DiscrepancyKind.Dose or DiscrepancyKind.Status);
    }

    [Fact]
    public void PatientReportedOnly_IsOmissionFromEveryClinicianList()
    {
        var result = ReconciliationEngine.CreateDefault().Reconcile(
        [
            List("gp", SourceKind.GeneralPractitioner, September, Entry("1", "Marevan")),
            List("pasient", SourceKind.PatientReported, November, Entry("p1", "Marevan"), Entry("p2", "Ibux 200 mg")),
        ]);
        var ibuprofen = Assert.Single(result.Lines, l => l.Id == "M01AE01");
        Assert.Equal("pasient", ibuprofen.Proposed.From.Source.Id);
        Assert.Contains("patient-reported only", ibuprofen.Proposed.Reason, StringComparison.Ordinal);
        Assert.Contains("gp", Assert.Single(ibuprofen.Discrepancies, d => d.Kind == DiscrepancyKind.Omission).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomPolicy_ChangesTheProposal()
    {
        var gpFirst = new SourcePrecedencePolicy(
        [
            ("GP list", [SourceKind.GeneralPractitioner]),
            ("other clinician list", [SourceKind.Hospital, SourceKind.MunicipalCare, SourceKind.Multidose, SourceKind.Pll]),
            ("anything else", [SourceKind.Prescriptions, SourceKind.Dispensing, SourceKind.PatientReported, SourceKind.Unknown]),
        ]);
        var lists = new[]
        {
            List("gp", SourceKind.GeneralPractitioner, September, Entry("1", "Furix 40 mg", dosage: "1x1")),
            List("sykehus", SourceKind.Hospital, November, Entry("2", "Furix 40 mg", dosage: "1x2")),
        };
        var line = Assert.Single(new ReconciliationEngine(TestKnowledge.Shipped, gpFirst).Reconcile(lists).Lines);
        Assert.Equal("gp", line.Proposed.From.Source.Id);
        Assert.Contains("GP list", line.Proposed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_MissingKind_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new SourcePrecedencePolicy([("only GP", [SourceKind.GeneralPractitioner])]));
}
