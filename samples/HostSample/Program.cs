using MedEngine.Model;
using MedEngine.Reconciliation;

// Two lists for one patient: the GP's and the hospital discharge letter's.
var gp = new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)),
[
    new MedicationEntry { EntryId = "1", Name = "Marevan 2,5 mg tablett", DosageText = "Etter INR", Status = EntryStatus.Active },
    new MedicationEntry { EntryId = "2", Name = "Furix 40 mg tablett", DosageText = "1x1", Status = EntryStatus.Active },
]);
var hospital = new SourceList(new MedicationSource("epikrise", SourceKind.Hospital, new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero)),
[
    new MedicationEntry { EntryId = "h1", Name = "warfarin", DosageText = "Etter INR", Status = EntryStatus.Active },
    new MedicationEntry { EntryId = "h2", Name = "Furix 40 mg tablett", DosageText = "1x2", Status = EntryStatus.Active },
]);

var result = ReconciliationEngine.CreateDefault().Reconcile([gp, hospital]);
foreach (var line in result.Lines)
{
    Console.WriteLine($"{line.Id} {line.Proposed.Status} from {line.Proposed.From.Source.Id}: {string.Join("; ", line.Discrepancies.Select(d => $"{d.Code} {d.Kind}"))}");
}
