using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace MedEngine.Persistence.Sqlite;

/// <summary>
/// The embedded event store: every patient's log in one SQLite file, no server. WAL journal with <c>synchronous = FULL</c>, so an
/// append is on disk when its task completes. Appends from many callers are grouped into one transaction (group commit): one
/// writer drains every waiting append, commits once and then completes them all; an append that conflicts fails alone. Reads
/// run beside the writer on connections of their own. Thread-safe. The schema is created on first start; triggers refuse
/// every UPDATE and DELETE.
/// </summary>
public sealed class SqlitePatientEventStore : IPatientEventStore, IPatientSnapshotStore, IAsyncDisposable
{
    /// <summary>How many appends one transaction takes at most.</summary>
    private const int MaxGroup = 512;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS patient_event (
            id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, sequence INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
            payload TEXT NOT NULL, received_at TEXT NOT NULL, rule_set TEXT,
            UNIQUE (patient_id, sequence), UNIQUE (patient_id, event_id));
        CREATE INDEX IF NOT EXISTS patient_event_by_type ON patient_event (patient_id, type, sequence);
        CREATE TRIGGER IF NOT EXISTS patient_event_no_update BEFORE UPDATE ON patient_event BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS patient_event_no_delete BEFORE DELETE ON patient_event BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TABLE IF NOT EXISTS patient_event_key (
            key TEXT PRIMARY KEY, patient_id TEXT NOT NULL, sequence INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS patient_event_key_no_update BEFORE UPDATE ON patient_event_key BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS patient_event_key_no_delete BEFORE DELETE ON patient_event_key BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TABLE IF NOT EXISTS patient_snapshot (
            patient_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL, payload TEXT NOT NULL, rule_set TEXT) WITHOUT ROWID;
        """;

    private const string Columns = "patient_id, sequence, event_id, type, payload, received_at, rule_set";

    private readonly string _connectionString;
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly Task _writing;

    /// <summary>Opens (and, the first time, creates) the event store file.</summary>
    /// <param name="path">The SQLite file. Its folder is created when missing.</param>
    public SqlitePatientEventStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _writer = Open();
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }

        _writing = Task.Run(WriteAsync);
    }

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredPatientEvent>> AppendAsync(string patientId, IReadOnlyList<NewPatientEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Append at least one event.", nameof(events));
        }

        var append = new Append(patientId, events, cancellationToken);
        if (!_appends.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(SqlitePatientEventStore));
        }

        return append.Done.Task;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPatientEvent>> ReadAsync(string patientId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM patient_event WHERE patient_id = $patient AND sequence > $after ORDER BY sequence";
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$after", afterSequence);
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StoredPatientEvent>> FindAsync(string patientId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(eventIds);
        var found = new Dictionary<string, StoredPatientEvent>(StringComparer.Ordinal);
        if (eventIds.Count == 0)
        {
            return found;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM patient_event WHERE patient_id = $patient AND event_id = $event";
        command.Parameters.AddWithValue("$patient", patientId);
        var id = command.Parameters.Add("$event", SqliteType.Text);
        foreach (var eventId in eventIds.Distinct(StringComparer.Ordinal))
        {
            id.Value = eventId;
            foreach (var stored in await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false))
            {
                found[stored.EventId] = stored;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPatientEvent>> ReadTypeAsync(string patientId, string type, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentException.ThrowIfNullOrEmpty(type);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM patient_event WHERE patient_id = $patient AND type = $type ORDER BY sequence";
        command.Parameters.AddWithValue("$patient", patientId);
        command.Parameters.AddWithValue("$type", type);
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredPatientEvent?> FindByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "e." + c))} FROM patient_event_key k
            JOIN patient_event e ON e.patient_id = k.patient_id AND e.sequence = k.sequence WHERE k.key = $key
            """;
        command.Parameters.AddWithValue("$key", key);
        return (await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    /// <remarks>Written outside the group commit without its own fsync (<c>synchronous = NORMAL</c>): the next append's commit makes it durable, and a snapshot lost to a crash only makes a load fold more of the log.</remarks>
    public async Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA synchronous = NORMAL;
            INSERT INTO patient_snapshot VALUES ($patient, $sequence, $payload, $rules)
                ON CONFLICT (patient_id) DO UPDATE SET sequence = excluded.sequence, payload = excluded.payload, rule_set = excluded.rule_set
                WHERE excluded.sequence > patient_snapshot.sequence;
            PRAGMA synchronous = FULL;
            """;
        command.Parameters.AddWithValue("$patient", snapshot.PatientId);
        command.Parameters.AddWithValue("$sequence", snapshot.Sequence);
        command.Parameters.AddWithValue("$payload", snapshot.Payload);
        command.Parameters.AddWithValue("$rules", (object?)snapshot.RuleSetHash ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredSnapshot?> ReadSnapshotAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, payload, rule_set FROM patient_snapshot WHERE patient_id = $patient";
        command.Parameters.AddWithValue("$patient", patientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredSnapshot(patientId, reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>Completes every append already made, then closes the file.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static async Task<IReadOnlyList<StoredPatientEvent>> ReadEventsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredPatientEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredPatientEvent(
                reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return events;
    }

    /// <summary>
    /// The one writer: takes every waiting append and writes them in one transaction, committed once. Each append is a savepoint
    /// of its own: one whose event id or key is already stored (or repeated within it) is undone alone and fails with
    /// <see cref="PatientEventConflictException"/>, so the others go on.
    /// </summary>
    private async Task WriteAsync()
    {
        using var last = Command("SELECT sequence FROM patient_event WHERE patient_id = $patient ORDER BY sequence DESC LIMIT 1", "$patient");
        using var insert = Command($"INSERT INTO patient_event ({Columns}) VALUES ($patient, $sequence, $event, $type, $payload, $received, $rules)",
            "$patient", "$sequence", "$event", "$type", "$payload", "$received", "$rules");
        using var insertKey = Command("INSERT INTO patient_event_key VALUES ($key, $patient, $sequence)", "$key", "$patient", "$sequence");
        using var savepoint = Command("SAVEPOINT append");
        using var release = Command("RELEASE append");
        using var undo = Command("ROLLBACK TO append; RELEASE append");
        SqliteCommand[] commands = [last, insert, insertKey, savepoint, release, undo];

        var group = new List<Append>(MaxGroup);
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await _appends.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            Drain(group);

            if (group.Count == 0)
            {
                continue;
            }

            var written = new List<(Append Append, IReadOnlyList<StoredPatientEvent> Stored)>(group.Count);
            sequences.Clear();
            try
            {
                using var transaction = _writer.BeginTransaction();
                foreach (var command in commands)
                {
                    command.Transaction = transaction;
                }

                foreach (var append in group)
                {
                    if (!sequences.TryGetValue(append.PatientId, out var next))
                    {
                        last.Parameters[0].Value = append.PatientId;
                        next = last.ExecuteScalar() is long held ? held : 0;
                    }

                    var stored = new List<StoredPatientEvent>(append.Events.Count);
                    savepoint.ExecuteNonQuery();
                    try
                    {
                        foreach (var e in append.Events)
                        {
                            next++;
                            Run(insert, append.PatientId, next, e.EventId, e.Type, e.Payload, e.ReceivedAt.ToString("O", CultureInfo.InvariantCulture), e.RuleSetHash);
                            foreach (var key in e.Keys)
                            {
                                Run(insertKey, key, append.PatientId, next);
                            }

                            stored.Add(new StoredPatientEvent(append.PatientId, next, e.EventId, e.Type, e.Payload, e.ReceivedAt, e.RuleSetHash));
                        }

                        release.ExecuteNonQuery();
                    }
                    catch (SqliteException e) when (e.SqliteErrorCode == 19)
                    {
                        undo.ExecuteNonQuery();
                        append.Done.TrySetException(new PatientEventConflictException(
                            $"Patient '{append.PatientId}': an event id or key of this append is already in the log (or twice in it); nothing of this append was stored.", e));
                        continue;
                    }

                    sequences[append.PatientId] = next;
                    written.Add((append, stored));
                }

                transaction.Commit();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                foreach (var append in group)
                {
                    append.Done.TrySetException(new IOException($"The event store '{Path}' could not commit: {e.Message}", e));
                }

                continue;
            }

            foreach (var (append, stored) in written)
            {
                append.Done.TrySetResult(stored);
            }
        }
    }

    /// <summary>A prepared statement of the writer's connection, with its parameters in order.</summary>
    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>Runs a statement with its parameters' values, in order.</summary>
    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private void Drain(List<Append> group)
    {
        while (group.Count < MaxGroup && _appends.Reader.TryRead(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Done.TrySetCanceled(next.CancellationToken);
            }
            else
            {
                group.Add(next);
            }
        }
    }

    private sealed class Append(string patientId, IReadOnlyList<NewPatientEvent> events, CancellationToken cancellationToken)
    {
        public string PatientId { get; } = patientId;

        public IReadOnlyList<NewPatientEvent> Events { get; } = events;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<IReadOnlyList<StoredPatientEvent>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
