using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Persistence;

/// <summary>
/// Every patient of one process, kept current from the event store: a patient is loaded on first use, takes one request at a
/// time, and is let go after <see cref="IdleTimeout"/> without use (its state stays in the store). Each accepted change goes
/// to the patient's watchers (an open screen) after it is durable. Thread-safe; one per process and store.
/// </summary>
public sealed class PatientService : IPatientService, IDisposable
{
    private readonly MedEngineRuntime _runtime;
    private readonly IPatientEventStore _store;
    private readonly ConcurrentDictionary<string, Slot> _patients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableWatchers> _watchers = new(StringComparer.Ordinal);
    private readonly ITimer _sweep;

    /// <summary>Creates the service.</summary>
    /// <param name="runtime">The engine (its clock decides idleness).</param>
    /// <param name="store">The event store.</param>
    /// <param name="idleTimeout">How long a patient stays loaded without use; 10 minutes when <see langword="null"/>.</param>
    public PatientService(MedEngineRuntime runtime, IPatientEventStore store, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(store);
        _runtime = runtime;
        _store = store;
        IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(idleTimeout));
        var every = IdleTimeout < TimeSpan.FromMinutes(1) ? IdleTimeout : TimeSpan.FromMinutes(1);
        _sweep = runtime.Time.CreateTimer(_ => Sweep(), null, every, every);
    }

    /// <summary>How long a patient stays loaded without use.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>How many patients are loaded now.</summary>
    public int LoadedCount => _patients.Count;

    /// <inheritdoc/>
    public Task<PatientChange> ApplyAsync(string patientId, IReadOnlyList<IdentifiedPatientEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return ChangeAsync(patientId, patient => patient.ApplyAsync(events, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<PatientChange> ReplaceSourceAsync(string patientId, SourceList list, PatientContext? facts, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        return ChangeAsync(patientId, patient => patient.ReplaceSourceAsync(list, facts, eventId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<PatientSnapshot?> GetAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var snapshot = await UseAsync(patientId, patient => Task.FromResult(patient.Snapshot), cancellationToken).ConfigureAwait(false);
        return snapshot.Sequence == 0 ? null : snapshot;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PatientChange> WatchAsync(string patientId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var channel = Channel.CreateBounded<PatientChange>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _watchers.AddOrUpdate(patientId, _ => new ImmutableWatchers([channel]), (_, w) => new ImmutableWatchers([.. w.Channels, channel]));
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            while (_watchers.TryGetValue(patientId, out var current))
            {
                var rest = current.Channels.Where(c => c != channel).ToArray();
                if (rest.Length == 0 ? _watchers.TryRemove(new KeyValuePair<string, ImmutableWatchers>(patientId, current)) : _watchers.TryUpdate(patientId, new ImmutableWatchers(rest), current))
                {
                    break;
                }
            }
        }
    }

    /// <summary>Stops the idle sweep. Loaded patients are let go; their state is in the store.</summary>
    public void Dispose()
    {
        _sweep.Dispose();
        _patients.Clear();
    }

    /// <summary>Applies a change with the patient held, then tells the patient's watchers.</summary>
    private async Task<PatientChange> ChangeAsync(string patientId, Func<DurablePatient, Task<PatientChange>> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var changed = await UseAsync(patientId, change, cancellationToken).ConfigureAwait(false);
        if (!changed.IsRedelivery && _watchers.TryGetValue(patientId, out var watchers))
        {
            foreach (var watcher in watchers.Channels)
            {
                watcher.Writer.TryWrite(changed);
            }
        }

        return changed;
    }

    private async Task<T> UseAsync<T>(string patientId, Func<DurablePatient, Task<T>> use, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = _patients.GetOrAdd(patientId, static _ => new Slot());
            await slot.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (slot.Evicted)
                {
                    continue;
                }

                slot.LastUsed = _runtime.Time.GetTimestamp();
                if (slot.Patient is null or { IsBroken: true })
                {
                    slot.Patient = await DurablePatient.LoadAsync(_runtime, _store, patientId, null, cancellationToken).ConfigureAwait(false);
                }

                return await use(slot.Patient).ConfigureAwait(false);
            }
            finally
            {
                slot.Lock.Release();
            }
        }
    }

    private void Sweep()
    {
        foreach (var (id, slot) in _patients)
        {
            if (_runtime.Time.GetElapsedTime(slot.LastUsed) >= IdleTimeout && slot.Lock.Wait(0))
            {
                try
                {
                    if (_runtime.Time.GetElapsedTime(slot.LastUsed) >= IdleTimeout)
                    {
                        slot.Evicted = true;
                        _patients.TryRemove(new KeyValuePair<string, Slot>(id, slot));
                    }
                }
                finally
                {
                    slot.Lock.Release();
                }
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DurablePatient? Patient { get; set; }

        public long LastUsed { get; set; }

        public bool Evicted { get; set; }
    }

    private sealed record ImmutableWatchers(Channel<PatientChange>[] Channels);
}
