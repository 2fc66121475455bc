using MedEngine.Persistence;
using MedEngine.Serialization;
using Orleans.Placement;

namespace MedEngine.Orleans;

/// <summary>
/// The patient grain: loads the patient by folding its log when activated, applies then stores each call's events, and is
/// deactivated by Orleans when idle (<c>GrainCollectionOptions.CollectionAge</c>), which frees its memory; its state stays in
/// the store, so the next call on any silo loads it again. Needs a <see cref="MedEngineRuntime"/> and an
/// <see cref="IPatientEventStore"/> shared by every silo (PostgreSQL for a region) in the silo's services. Placed at random,
/// so patients spread evenly over the silos.
/// </summary>
[RandomPlacement]
internal sealed class PatientGrain(MedEngineRuntime runtime, IPatientEventStore store, ILocalSiloDetails silo) : Grain, IPatientGrain
{
    private DurablePatient? _patient;

    public async Task<PatientGrainChange> ApplyAsync(string events)
    {
        var read = PatientEventJson.Read(events, $"patient '{this.GetPrimaryKeyString()}'");
        if (read.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", read.Errors.Select(e => e.ToString())), nameof(events));
        }

        var patient = await LoadAsync().ConfigureAwait(true);
        var change = await patient.ApplyAsync(read.Events).ConfigureAwait(true);
        return new PatientGrainChange(
            change.Sequence,
            change.Stored.Select(e => e.EventId).ToList(),
            change.Delta.List.Superseded.Select(s => s.List.Source.Id).ToList(),
            new ChangedIds(change.Delta.List.AddedLines.Select(l => l.Id).ToList(), change.Delta.List.ChangedLines.Select(l => l.Id).ToList(), change.Delta.List.RemovedLineIds),
            new ChangedIds(change.Delta.Findings.Added.Select(f => f.Key).ToList(), change.Delta.Findings.Changed.Select(f => f.Key).ToList(), change.Delta.Findings.Removed));
    }

    public async Task<PatientGrainSnapshot?> GetAsync()
    {
        var snapshot = (await LoadAsync().ConfigureAwait(true)).Snapshot;
        if (snapshot.Sequence == 0)
        {
            return null;
        }

        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(snapshot.Evaluation, stream);
        return new PatientGrainSnapshot(snapshot.Sequence, System.Text.Encoding.UTF8.GetString(stream.ToArray()), snapshot.RuleSetHash, silo.SiloAddress.ToString());
    }

    /// <summary>The patient, loaded again after a failed apply (its session may differ from the log).</summary>
    private async Task<DurablePatient> LoadAsync()
    {
        if (_patient is null or { IsBroken: true })
        {
            _patient = await DurablePatient.LoadAsync(runtime, store, this.GetPrimaryKeyString()).ConfigureAwait(true);
        }

        return _patient;
    }
}
