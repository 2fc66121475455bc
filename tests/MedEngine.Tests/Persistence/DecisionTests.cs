using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MedEngine.Tests.Persistence;

/// <summary>
/// Clinician decisions and the confirmed list: the sample patient reconciled line by line, confirmed, then contradicted by a
/// dispensing; decisions as events that survive a restart and a replay of the log, and never lose or duplicate an entry.
/// </summary>
public sealed class DecisionTests : IDisposable
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(1)));
    private static readonly Clinician Doctor = new("HPR-9144889", "lege", "Kari Lege");
    private static readonly Lazy<MedEngineRuntime> Runtime = new(() =>
        new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).UseTimeProvider(Time).Build());

    private readonly string _folder = Directory.CreateTempSubdirectory("medengine-decisions-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static IReadOnlyList<IdentifiedPatientEvent> SampleEvents()
    {
        var patient = new SourceListJsonReader().Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "patient.json")), "patient.json").SinglePatient().Patient!;
        return [.. SamplePatient.Lists.Select(l => new IdentifiedPatientEvent(null, new SourceListReplaced(l))), new(null, new PatientContextChanged(patient))];
    }

    private static LineDecided Decide(string lineId, LineDecisionKind kind, long onSequence) => new(lineId, kind, Doctor, Time.GetUtcNow(), onSequence)
    {
        DosageText = kind == LineDecisionKind.Change ? "1 tablett morgen" : null,
        Reason = kind == LineDecisionKind.Stop ? "blødningsrisiko med warfarin" : null,
    };

    private static string Json(PatientEvaluation evaluation)
    {
        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(evaluation, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task The_sample_patient_decided_and_confirmed_reopens_exactly_the_line_a_later_dispensing_contradicts()
    {
        var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        var patient = await DurablePatient.LoadAsync(Runtime.Value, store, "ingrid-1938");
        await patient.ApplyAsync(SampleEvents());
        Assert.Equal(ReconciliationStatus.NotReconciled, patient.Session.Confirmed.Status);
        Assert.Contains(patient.Session.Findings, f => f.RuleId == "NORGEP-NH-28"); // donepezil for over a year in a nursing-home patient

        var plan = new Dictionary<string, LineDecisionKind>(StringComparer.Ordinal)
        {
            ["M01AE01"] = LineDecisionKind.Stop, ["N06DA02"] = LineDecisionKind.NotTaken, ["C03CA01"] = LineDecisionKind.Change,
        };
        foreach (var line in patient.Session.List.Lines)
        {
            await patient.ApplyAsync([new(null, Decide(line.Id, plan.GetValueOrDefault(line.Id, LineDecisionKind.Accept), patient.Sequence))]);
        }

        await patient.ApplyAsync([new(null, new ListConfirmed(Doctor, Time.GetUtcNow(), patient.Sequence))]);
        var confirmed = patient.Session.Confirmed;
        Assert.Equal(ReconciliationStatus.Complete, confirmed.Status);
        Assert.Empty(confirmed.Open);
        Assert.Equal(patient.Session.List.Lines.Count - 2, confirmed.Taken.Count);
        Assert.DoesNotContain(patient.Session.Findings, f => f.RuleId == "NORGEP-NH-28"); // not taken: no finding
        var furosemide = patient.Session.List.Lines.Single(l => l.Id == "C03CA01");
        Assert.Equal("1 tablett morgen", furosemide.Proposed.From.Entry.DosageText);
        Assert.StartsWith("Decided by lege HPR-9144889", furosemide.Proposed.Reason, StringComparison.Ordinal);
        Assert.Equal(EntryStatus.Stopped, patient.Session.List.Lines.Single(l => l.Id == "M01AE01").Proposed.Status);

        // The pharmacy hands out ibuprofen again: that contradicts the stop, and nothing else.
        var dispensing = SamplePatient.Lists.Single(l => l.Source.Kind == SourceKind.Dispensing).Source;
        var ibuprofen = new MedicationEntry
        {
            EntryId = "d-12", Name = "Ibux 400 mg tablett 30 stk", Codings = [new MedicationCoding(CodeSystem.Atc, "M01AE01", null)],
            DosageText = "1 tablett ved behov", Status = EntryStatus.Completed, LastChanged = Time.GetUtcNow(),
        };
        var change = await patient.ApplyAsync([new("apotek-2026-12-06-1", new EntryUpserted(dispensing, ibuprofen))]);
        confirmed = patient.Session.Confirmed;
        Assert.Equal(ReconciliationStatus.Stale, confirmed.Status);
        var reopened = Assert.Single(confirmed.Open);
        Assert.Equal("M01AE01", reopened.Line.Id);
        Assert.Equal(DiscrepancyCodes.ContradictsDecision, reopened.Contradiction!.Code);
        Assert.Contains("'stop' by lege HPR-9144889", reopened.Contradiction.Detail, StringComparison.Ordinal);
        Assert.Equal([new EntryReference("kjernejournal-utleveringer", "d-12")], reopened.Contradiction.Entries);
        Assert.Contains(reopened.Line.Discrepancies, d => d.Code == DiscrepancyCodes.ContradictsDecision);
        Assert.Equal("M01AE01", Assert.Single(confirmed.Since.Changed).LineId);
        Assert.Equal(["M01AE01"], change.Lines.Changed);

        // Restart: from the store (snapshot and tail) and from the whole log, the same list, findings and decisions.
        var reloaded = await DurablePatient.LoadAsync(Runtime.Value, store, "ingrid-1938");
        var replayed = Runtime.Value.OpenSession();
        replayed.ApplyAll((await store.ReadAsync("ingrid-1938")).Select(e => PatientEventJson.Read(e.Payload, "log").Events.Single().Event));
        foreach (var restored in new[] { reloaded.Session, replayed })
        {
            Assert.Equal(Json(patient.Snapshot.Evaluation), Json(new PatientEvaluation(restored.List, restored.Findings)));
            Assert.Equal(confirmed.Status, restored.Confirmed.Status);
            Assert.Equal(confirmed.Open.Select(l => l.Line.Id), restored.Confirmed.Open.Select(l => l.Line.Id));
            Assert.Equal(patient.Session.Decisions.Count, restored.Decisions.Count);
        }

        await store.DisposeAsync();
    }

    [Fact]
    public void A_decision_on_a_line_the_list_does_not_have_or_a_change_without_a_dose_is_refused()
    {
        var session = Runtime.Value.OpenSession();
        session.ApplyAll(SampleEvents().Select(e => e.Event));
        Assert.Throws<ArgumentException>(() => session.Apply(Decide("X99", LineDecisionKind.Accept, 1)));
        Assert.Throws<ArgumentException>(() => session.Apply(Decide("B01AA03", LineDecisionKind.Change, 1) with { DosageText = null }));
        Assert.Throws<ArgumentException>(() => session.Apply(Decide("B01AA03", LineDecisionKind.ChooseEntry, 1) with { Entry = new EntryReference("gp-olsen", "gp-9") }));
    }

    [Fact]
    public void A_confirmed_match_puts_an_unresolved_entry_on_its_line_and_survives_a_snapshot()
    {
        var session = Runtime.Value.OpenSession();
        session.ApplyAll(SampleEvents().Select(e => e.Event));
        var unresolved = Assert.Single(session.List.Unresolved);
        Assert.Throws<ArgumentException>(() => session.Apply(new EntryMatched("pasient-egenrapport", "p-4", "Z99ZZ99", Doctor, Time.GetUtcNow(), 7)));
        Assert.Throws<ArgumentException>(() => session.Apply(new EntryMatched("pasient-egenrapport", "p-99", "A10BA02", Doctor, Time.GetUtcNow(), 7)));

        var delta = session.Apply(new EntryMatched(unresolved.Entry.Source.Id, unresolved.Entry.Entry.EntryId, "A10BA02", Doctor, Time.GetUtcNow(), 7));
        Assert.Empty(session.List.Unresolved);
        Assert.Equal(["A10BA02"], delta.List.ChangedLines.Select(l => l.Id));
        var metformin = session.List.Lines.Single(l => l.Id == "A10BA02");
        Assert.Contains(metformin.Entries, e => e.Entry.EntryId == "p-4");
        Assert.DoesNotContain(metformin.Discrepancies, d => d.Code == DiscrepancyCodes.PossibleMatch);

        var snapshot = new PatientSnapshot("p", 1, new PatientEvaluation(session.List, session.Findings), null, null, session.Patient) { Decisions = session.Decisions };
        var restored = Runtime.Value.OpenSession();
        restored.ApplyAll(PatientEventJson.Read(PatientEventJson.WriteAll(snapshot.Events.Select(e => new IdentifiedPatientEvent(null, e))), "snapshot").Events.Select(e => e.Event));
        Assert.Equal(Json(new PatientEvaluation(session.List, session.Findings)), Json(new PatientEvaluation(restored.List, restored.Findings)));
    }

    [Property(MaxTest = 30)]
    public Property Decisions_never_lose_or_duplicate_an_entry_and_survive_the_event_format() => Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
    {
        var random = new Random(seed);
        var session = Runtime.Value.OpenSession();
        var log = new List<PatientEvent>();
        void Apply(PatientEvent e)
        {
            session.Apply(e);
            log.Add(e);
        }

        var lists = SamplePatient.Lists.Where(_ => random.Next(3) > 0).ToList();
        foreach (var list in lists)
        {
            Apply(new SourceListReplaced(list));
        }

        for (var step = 0; step < 12 && session.List.Lines.Count > 0; step++)
        {
            var line = session.List.Lines[random.Next(session.List.Lines.Count)];
            var kind = (LineDecisionKind)random.Next(5);
            var entry = line.Entries[random.Next(line.Entries.Count)];
            Apply(random.Next(6) switch
            {
                0 => new ListConfirmed(Doctor, Time.GetUtcNow(), step),
                1 => new EntryStopped(entry.Source.Id, entry.Entry.EntryId, Time.GetUtcNow(), null),
                2 when session.List.Unresolved.Count > 0 => new EntryMatched(
                    session.List.Unresolved[0].Entry.Source.Id, session.List.Unresolved[0].Entry.Entry.EntryId, "A10BA02", Doctor, Time.GetUtcNow(), step),
                _ => Decide(line.Id, kind, step) with { Entry = kind == LineDecisionKind.ChooseEntry ? new EntryReference(entry.Source.Id, entry.Entry.EntryId) : null },
            });
        }

        var expected = lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))).Order().ToList();
        var held = session.List.Lines.SelectMany(l => l.Entries).Concat(session.List.Unresolved.Select(u => u.Entry)).Select(e => (e.Source.Id, e.Entry.EntryId)).Order().ToList();
        var restored = Runtime.Value.OpenSession();
        restored.ApplyAll(PatientEventJson.Read(PatientEventJson.WriteAll(log.Select(e => new IdentifiedPatientEvent(null, e))), "log").Events.Select(e => e.Event));
        var fromSnapshot = Runtime.Value.OpenSession();
        var snapshot = new PatientSnapshot("p", 1, new PatientEvaluation(session.List, session.Findings), null, null, session.Patient) { Decisions = session.Decisions };
        fromSnapshot.ApplyAll(PatientEventJson.Read(PatientEventJson.WriteAll(snapshot.Events.Select(e => new IdentifiedPatientEvent(null, e))), "snapshot").Events.Select(e => e.Event));
        var live = Json(new PatientEvaluation(session.List, session.Findings));
        return (expected.SequenceEqual(held)
            && Json(new PatientEvaluation(restored.List, restored.Findings)) == live
            && Json(new PatientEvaluation(fromSnapshot.List, fromSnapshot.Findings)) == live
            && restored.Confirmed.Status == session.Confirmed.Status
            && fromSnapshot.Confirmed.Open.Count == session.Confirmed.Open.Count).Label($"seed {seed}");
    });
}
