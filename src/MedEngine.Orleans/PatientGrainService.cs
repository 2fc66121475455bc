using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Reconciliation;
using MedEngine.Serialization;

namespace MedEngine.Orleans;

/// <summary>
/// The patients of a cluster, from any node: each call goes to the patient's grain, on whichever silo hosts it. A read folds
/// the grain's held lists into a fresh session on this node, so its findings come from this node's rules
/// (<see cref="PatientSnapshot.RuleSetHash"/>); a watch follows the grain's changes and renews itself every 10 s, which also
/// finds the patient again on another silo after one dies (changes made in between are not sent; the events log has them).
/// Register it as the host's <see cref="IPatientService"/> in a silo (see <see cref="MedEngineSiloBuilderExtensions"/>).
/// </summary>
/// <param name="grains">The cluster's grains.</param>
/// <param name="runtime">The engine of this node.</param>
public sealed class PatientGrainService(IGrainFactory grains, MedEngineRuntime runtime) : IPatientService
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public Task<PatientChange> ApplyAsync(string patientId, IReadOnlyList<IdentifiedPatientEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(events);
        return grains.GetGrain<IPatientGrain>(patientId).ApplyAsync(PatientEventJson.WriteAll(events)).WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<PatientChange> ReplaceSourceAsync(string patientId, SourceList list, PatientContext? facts, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(list);
        return grains.GetGrain<IPatientGrain>(patientId)
            .ReplaceSourceAsync(PatientEventJson.Write(new SourceListReplaced(list)), facts is null ? null : PatientEventJson.Write(new PatientContextChanged(facts)), eventId)
            .WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<PatientSnapshot?> GetAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var state = await grains.GetGrain<IPatientGrain>(patientId).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var read = PatientEventJson.Read(state.Events, $"patient '{patientId}' from silo {state.Silo}");
        if (read.Errors.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", read.Errors.Select(e => e.ToString())));
        }

        var session = runtime.OpenSession();
        session.ApplyAll(read.Events.Select(e => e.Event));
        return new PatientSnapshot(patientId, state.Sequence, new PatientEvaluation(session.List, session.Findings), state.RecordedRuleSetHash, runtime.RuleSetHash, session.Patient)
        {
            Decisions = session.Decisions, Confirmed = session.Confirmed,
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PatientChange> WatchAsync(string patientId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var channel = Channel.CreateBounded<PatientChange>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var watcher = new Watcher(channel.Writer);
        var reference = grains.CreateObjectReference<IPatientWatcher>(watcher);
        var grain = grains.GetGrain<IPatientGrain>(patientId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await grain.WatchAsync(reference).WaitAsync(cancellationToken).ConfigureAwait(false);
        var renewing = RenewAsync(grain, reference, stop.Token);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            try
            {
                await grain.UnwatchAsync(reference).WaitAsync(Renewal).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The grain forgets the watcher within 2 minutes anyway.
            }

            grains.DeleteObjectReference<IPatientWatcher>(reference);
            GC.KeepAlive(watcher); // Orleans holds a watcher weakly: it must live as long as the watch.
        }
    }

    private static async Task RenewAsync(IPatientGrain grain, IPatientWatcher reference, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Renewal, cancellationToken).ConfigureAwait(false);
                await grain.WatchAsync(reference).WaitAsync(Renewal, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // A silo is failing over; the next renewal finds the patient on another.
            }
        }
    }

    private sealed class Watcher(ChannelWriter<PatientChange> writer) : IPatientWatcher
    {
        public Task OnChangedAsync(PatientChange change)
        {
            writer.TryWrite(change);
            return Task.CompletedTask;
        }
    }
}
