using System.Globalization;
using System.Text.Json;
using MedEngine.Findings;
using Microsoft.Data.Sqlite;

namespace MedEngine.CdsHooks.Audit;

/// <summary>
/// The default audit trail: one SQLite file, no server. WAL journal with <c>synchronous=FULL</c>, so a record is on disk when
/// the call returns and survives a crash or restart. Append-only: triggers refuse every UPDATE and DELETE. Thread-safe.
/// </summary>
public sealed class SqliteAuditTrail : IAuditTrail, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS evaluation (
            id INTEGER PRIMARY KEY AUTOINCREMENT, hook_instance TEXT NOT NULL, service_id TEXT NOT NULL, hook TEXT NOT NULL,
            patient_id TEXT NOT NULL, context TEXT NOT NULL, user_id TEXT, client TEXT, at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS evaluation_patient ON evaluation (patient_id);
        CREATE TABLE IF NOT EXISTS finding (
            id INTEGER PRIMARY KEY AUTOINCREMENT, evaluation_id INTEGER NOT NULL REFERENCES evaluation (id), finding_key TEXT NOT NULL,
            rule_id TEXT NOT NULL, rule_version INTEGER NOT NULL, severity TEXT NOT NULL, disposition TEXT NOT NULL, card_uuid TEXT UNIQUE, summary TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS finding_evaluation ON finding (evaluation_id);
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT, card_uuid TEXT NOT NULL, service_id TEXT NOT NULL, patient_id TEXT NOT NULL, context TEXT NOT NULL,
            finding_key TEXT NOT NULL, rule_id TEXT NOT NULL, outcome TEXT NOT NULL, accepted_suggestions TEXT NOT NULL, reason TEXT, reason_display TEXT,
            comment TEXT, outcome_at TEXT, recorded_at TEXT NOT NULL, client TEXT);
        CREATE INDEX IF NOT EXISTS feedback_patient ON feedback (patient_id);
        CREATE TRIGGER IF NOT EXISTS evaluation_no_update BEFORE UPDATE ON evaluation BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS evaluation_no_delete BEFORE DELETE ON evaluation BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS finding_no_update BEFORE UPDATE ON finding BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS finding_no_delete BEFORE DELETE ON finding BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS feedback_no_update BEFORE UPDATE ON feedback BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS feedback_no_delete BEFORE DELETE ON feedback BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """;

    private readonly string _connectionString;

    /// <summary>Opens (and, the first time, creates) the audit file.</summary>
    /// <param name="path">The SQLite file. Its folder is created when missing.</param>
    public SqliteAuditTrail(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        Path = full;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>The full path of the audit file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task RecordEvaluationAsync(AuditEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO evaluation (hook_instance, service_id, hook, patient_id, context, user_id, client, at)
                VALUES ($hookInstance, $serviceId, $hook, $patientId, $context, $userId, $client, $at) RETURNING id
                """;
            command.Parameters.AddWithValue("$hookInstance", evaluation.HookInstance);
            command.Parameters.AddWithValue("$serviceId", evaluation.ServiceId);
            command.Parameters.AddWithValue("$hook", evaluation.Hook);
            command.Parameters.AddWithValue("$patientId", evaluation.PatientId);
            command.Parameters.AddWithValue("$context", evaluation.Context);
            command.Parameters.AddWithValue("$userId", (object?)evaluation.UserId ?? DBNull.Value);
            command.Parameters.AddWithValue("$client", (object?)evaluation.Client ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", Time(evaluation.At));
            id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        foreach (var finding in evaluation.Findings)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO finding (evaluation_id, finding_key, rule_id, rule_version, severity, disposition, card_uuid, summary)
                VALUES ($evaluation, $key, $ruleId, $ruleVersion, $severity, $disposition, $card, $summary)
                """;
            command.Parameters.AddWithValue("$evaluation", id);
            command.Parameters.AddWithValue("$key", finding.FindingKey);
            command.Parameters.AddWithValue("$ruleId", finding.RuleId);
            command.Parameters.AddWithValue("$ruleVersion", finding.RuleVersion);
            command.Parameters.AddWithValue("$severity", Severities.ToName(finding.Severity));
            command.Parameters.AddWithValue("$disposition", finding.Disposition.ToString());
            command.Parameters.AddWithValue("$card", (object?)finding.CardUuid ?? DBNull.Value);
            command.Parameters.AddWithValue("$summary", finding.Summary);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RecordFeedbackAsync(AuditFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (card_uuid, service_id, patient_id, context, finding_key, rule_id, outcome, accepted_suggestions, reason, reason_display, comment, outcome_at, recorded_at, client)
            VALUES ($card, $serviceId, $patientId, $context, $key, $ruleId, $outcome, $accepted, $reason, $reasonDisplay, $comment, $outcomeAt, $recordedAt, $client)
            """;
        command.Parameters.AddWithValue("$card", feedback.Card.CardUuid);
        command.Parameters.AddWithValue("$serviceId", feedback.Card.ServiceId);
        command.Parameters.AddWithValue("$patientId", feedback.Card.PatientId);
        command.Parameters.AddWithValue("$context", feedback.Card.Context);
        command.Parameters.AddWithValue("$key", feedback.Card.FindingKey);
        command.Parameters.AddWithValue("$ruleId", feedback.Card.RuleId);
        command.Parameters.AddWithValue("$outcome", feedback.Outcome);
        command.Parameters.AddWithValue("$accepted", JsonSerializer.Serialize(feedback.AcceptedSuggestions));
        command.Parameters.AddWithValue("$reason", (object?)feedback.OverrideReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$reasonDisplay", (object?)feedback.OverrideReasonDisplay ?? DBNull.Value);
        command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcomeAt", feedback.OutcomeAt is { } at ? Time(at) : DBNull.Value);
        command.Parameters.AddWithValue("$recordedAt", Time(feedback.RecordedAt));
        command.Parameters.AddWithValue("$client", (object?)feedback.Client ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AuditCard?> FindCardAsync(string cardUuid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cardUuid);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.card_uuid, e.service_id, e.patient_id, e.context, f.finding_key, f.rule_id
            FROM finding f JOIN evaluation e ON e.id = f.evaluation_id WHERE f.card_uuid = $card
            """;
        command.Parameters.AddWithValue("$card", cardUuid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditCard(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FindingOverride>> OverridesAsync(string patientId, CancellationToken cancellationToken = default) =>
        (await FeedbackAsync(patientId, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Outcome == "overridden")
            .Select(f => new FindingOverride(f.Card.FindingKey, f.Card.Context, f.OverrideReasonDisplay ?? f.OverrideReason ?? "", f.Comment, f.Client, f.OutcomeAt ?? f.RecordedAt))
            .ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvaluation>> EvaluationsAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = Open();
        var evaluations = new List<(long Id, AuditEvaluation Evaluation)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, hook_instance, service_id, hook, patient_id, context, user_id, client, at FROM evaluation WHERE patient_id = $patientId ORDER BY id";
            command.Parameters.AddWithValue("$patientId", patientId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                evaluations.Add((reader.GetInt64(0), new AuditEvaluation(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), ParseTime(reader.GetString(8)), [])));
            }
        }

        var result = new List<AuditEvaluation>();
        foreach (var (id, evaluation) in evaluations)
        {
            var findings = new List<AuditFinding>();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT finding_key, rule_id, rule_version, severity, disposition, card_uuid, summary FROM finding WHERE evaluation_id = $id ORDER BY id";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Severities.TryParse(reader.GetString(3), out var severity);
                findings.Add(new AuditFinding(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2), severity, Enum.Parse<FindingDisposition>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
            }

            result.Add(evaluation with { Findings = findings });
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditFeedback>> FeedbackAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT card_uuid, service_id, patient_id, context, finding_key, rule_id, outcome, accepted_suggestions, reason, reason_display, comment, outcome_at, recorded_at, client
            FROM feedback WHERE patient_id = $patientId ORDER BY id
            """;
        command.Parameters.AddWithValue("$patientId", patientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AuditFeedback>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var card = new AuditCard(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            result.Add(new AuditFeedback(
                card, reader.GetString(6), JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
                Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11) is { } at ? ParseTime(at) : null, ParseTime(reader.GetString(12)), Text(reader, 13)));
        }

        return result;
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
