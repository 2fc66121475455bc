using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace MedEngine.Persistence.PostgreSql;

/// <summary>
/// The event store on PostgreSQL: every patient's log in one table, shared by every node of a region. An append is one
/// transaction, complete once committed; appends to one patient take turns (a transaction-scoped advisory lock on the patient,
/// across every node), and an event id or key already in the log fails that append alone with <see cref="PatientEventConflictException"/>.
/// Connection failures surface as <see cref="NpgsqlException"/> (a <see cref="System.Data.Common.DbException"/>), which the
/// patient API answers with 503. Thread-safe. Open with <see cref="OpenAsync"/>, which creates the schema on first start.
/// </summary>
public sealed class PostgreSqlPatientEventStore : IPatientEventStore, IPatientSnapshotStore, IAsyncDisposable
{
    /// <summary>The schema, idempotent; run under an advisory lock so that nodes starting together do not race.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS medengine_patient_event (
            patient_id text NOT NULL, sequence bigint NOT NULL, event_id text NOT NULL, type text NOT NULL, payload text NOT NULL,
            received_at text NOT NULL, rule_set text,
            PRIMARY KEY (patient_id, sequence), UNIQUE (patient_id, event_id));
        CREATE INDEX IF NOT EXISTS medengine_patient_event_by_type ON medengine_patient_event (patient_id, type, sequence);
        CREATE OR REPLACE FUNCTION medengine_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
        CREATE OR REPLACE TRIGGER medengine_patient_event_append_only BEFORE UPDATE OR DELETE ON medengine_patient_event
            FOR EACH ROW EXECUTE FUNCTION medengine_append_only();
        CREATE TABLE IF NOT EXISTS medengine_patient_event_key (
            key text PRIMARY KEY, patient_id text NOT NULL, sequence bigint NOT NULL);
        CREATE OR REPLACE TRIGGER medengine_patient_event_key_append_only BEFORE UPDATE OR DELETE ON medengine_patient_event_key
            FOR EACH ROW EXECUTE FUNCTION medengine_append_only();
        CREATE TABLE IF NOT EXISTS medengine_patient_snapshot (
            patient_id text PRIMARY KEY, sequence bigint NOT NULL, payload text NOT NULL, rule_set text);
        """;

    private const string Columns = "patient_id, sequence, event_id, type, payload, received_at, rule_set";
    private readonly NpgsqlDataSource _source;

    private PostgreSqlPatientEventStore(NpgsqlDataSource source) => _source = source;

    /// <summary>Connects and creates the schema when it is missing.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The store.</returns>
    /// <exception cref="NpgsqlException">The server cannot be reached, or refuses the schema.</exception>
    public static async Task<PostgreSqlPatientEventStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7305202612);" + Schema, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new PostgreSqlPatientEventStore(source);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPatientEvent>> AppendAsync(string patientId, IReadOnlyList<NewPatientEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Append at least one event.", nameof(events));
        }

        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // One append per patient at a time, across every node: the lock ends with the transaction. The look-up is a statement
        // of its own, so that (read committed) it sees what the writer before committed while this one waited.
        long last;
        await using (var read = new NpgsqlBatch(connection, transaction))
        {
            read.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))") { Parameters = { new NpgsqlParameter<string> { TypedValue = patientId } } });
            read.BatchCommands.Add(new NpgsqlBatchCommand("SELECT sequence FROM medengine_patient_event WHERE patient_id = $1 ORDER BY sequence DESC LIMIT 1")
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = patientId } },
            });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            last = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
        }

        var stored = new List<StoredPatientEvent>(events.Count);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var e in events)
            {
                var command = new NpgsqlBatchCommand($"INSERT INTO medengine_patient_event ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)");
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ++last });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EventId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Payload });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.ReceivedAt.ToString("O", CultureInfo.InvariantCulture) });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.RuleSetHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                batch.BatchCommands.Add(command);
                foreach (var key in e.Keys)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO medengine_patient_event_key VALUES ($1, $2, $3)")
                    {
                        Parameters = { new NpgsqlParameter<string> { TypedValue = key }, new NpgsqlParameter<string> { TypedValue = patientId }, new NpgsqlParameter<long> { TypedValue = last } },
                    });
                }

                stored.Add(new StoredPatientEvent(patientId, last, e.EventId, e.Type, e.Payload, e.ReceivedAt, e.RuleSetHash));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new PatientEventConflictException(
                    $"Patient '{patientId}': an event id or key of this append is already in the log (or twice in it); nothing was appended.", e);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPatientEvent>> ReadAsync(string patientId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        await using var command = _source.CreateCommand($"SELECT {Columns} FROM medengine_patient_event WHERE patient_id = $1 AND sequence > $2 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StoredPatientEvent>> FindAsync(string patientId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return new Dictionary<string, StoredPatientEvent>();
        }

        await using var command = _source.CreateCommand($"SELECT {Columns} FROM medengine_patient_event WHERE patient_id = $1 AND event_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventIds.Distinct(StringComparer.Ordinal).ToArray() });
        return (await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.EventId, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPatientEvent>> ReadTypeAsync(string patientId, string type, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentException.ThrowIfNullOrEmpty(type);
        await using var command = _source.CreateCommand($"SELECT {Columns} FROM medengine_patient_event WHERE patient_id = $1 AND type = $2 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredPatientEvent?> FindByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var command = _source.CreateCommand($"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "e." + c))} FROM medengine_patient_event_key k
            JOIN medengine_patient_event e ON e.patient_id = k.patient_id AND e.sequence = k.sequence WHERE k.key = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    /// <remarks>Committed without waiting for the server's disk (<c>synchronous_commit = off</c>): a snapshot lost to a crash only makes a load fold more of the log.</remarks>
    public async Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
        {
            await relaxed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand("""
            INSERT INTO medengine_patient_snapshot VALUES ($1, $2, $3, $4)
                ON CONFLICT (patient_id) DO UPDATE SET sequence = excluded.sequence, payload = excluded.payload, rule_set = excluded.rule_set
                WHERE excluded.sequence > medengine_patient_snapshot.sequence
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.PatientId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Payload });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)snapshot.RuleSetHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredSnapshot?> ReadSnapshotAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        await using var command = _source.CreateCommand("SELECT sequence, payload, rule_set FROM medengine_patient_snapshot WHERE patient_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredSnapshot(patientId, reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>Closes the connections.</summary>
    /// <returns>A task that completes when they are closed.</returns>
    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static async Task<IReadOnlyList<StoredPatientEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
}
