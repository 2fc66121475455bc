using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace MedEngine.Orleans;

/// <summary>
/// Orleans' membership table on PostgreSQL, written on Npgsql (Orleans' ADO.NET clustering ships no PostgreSQL scripts): one
/// version row per cluster and one row per silo, in the same database as the event store. Every change checks the version's
/// etag and, for an update, the row's, in one transaction, so two silos can never both win a membership change. The schema is
/// created on first start, idempotently, under an advisory lock (<see cref="Schema"/>).
/// </summary>
internal sealed class PostgreSqlMembershipTable(NpgsqlDataSource source, IOptions<ClusterOptions> cluster) : IMembershipTable, IAsyncDisposable
{
    /// <summary>The tables, idempotent.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS medengine_cluster_version (
            cluster_id text PRIMARY KEY, version integer NOT NULL, etag integer NOT NULL);
        CREATE TABLE IF NOT EXISTS medengine_cluster_silo (
            cluster_id text NOT NULL, silo text NOT NULL, status integer NOT NULL, proxy_port integer NOT NULL,
            host_name text NOT NULL, silo_name text NOT NULL, role_name text NOT NULL, update_zone integer NOT NULL,
            fault_zone integer NOT NULL, start_time timestamptz NOT NULL, i_am_alive timestamptz NOT NULL,
            suspecting_silos text[] NOT NULL, suspecting_times timestamptz[] NOT NULL, etag integer NOT NULL,
            PRIMARY KEY (cluster_id, silo));
        """;

    private const string Columns = "silo, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, start_time, i_am_alive, suspecting_silos, suspecting_times, etag";

    private string ClusterId => cluster.Value.ClusterId;

    public ValueTask DisposeAsync() => source.DisposeAsync();

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await using var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7305202613);" + Schema, connection, transaction))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        if (tryInitTableVersion)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO medengine_cluster_version VALUES ($1, 0, 0) ON CONFLICT DO NOTHING", connection, transaction)
            {
                Parameters = { new() { Value = ClusterId } },
            };
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var batch = source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM medengine_cluster_silo WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM medengine_cluster_version WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = source.CreateCommand("DELETE FROM medengine_cluster_silo WHERE cluster_id = $1 AND status = $2 AND i_am_alive < $3");
        command.Parameters.Add(new() { Value = ClusterId });
        command.Parameters.Add(new() { Value = (int)SiloStatus.Dead });
        command.Parameters.Add(new() { Value = beforeDate.UtcDateTime });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, $"INSERT INTO medengine_cluster_silo (cluster_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0) ON CONFLICT DO NOTHING", entry, null);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, """
            UPDATE medengine_cluster_silo SET status = $3, proxy_port = $4, host_name = $5, silo_name = $6, role_name = $7, update_zone = $8,
                fault_zone = $9, start_time = $10, i_am_alive = $11, suspecting_silos = $12, suspecting_times = $13, etag = etag + 1
            WHERE cluster_id = $1 AND silo = $2 AND etag = $14
            """, entry, int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture));

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var command = source.CreateCommand("UPDATE medengine_cluster_silo SET i_am_alive = $3 WHERE cluster_id = $1 AND silo = $2");
        command.Parameters.Add(new() { Value = ClusterId });
        command.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new() { Value = Utc(entry.IAmAliveTime) });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The version and the rows (one silo's, or all), read in one snapshot.</summary>
    private async Task<MembershipTableData> ReadAsync(SiloAddress? key)
    {
        await using var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead).ConfigureAwait(false);
        TableVersion version;
        await using (var command = new NpgsqlCommand("SELECT version, etag FROM medengine_cluster_version WHERE cluster_id = $1", connection, transaction) { Parameters = { new() { Value = ClusterId } } })
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            version = await reader.ReadAsync().ConfigureAwait(false) ? new TableVersion(reader.GetInt32(0), Etag(reader.GetInt32(1))) : new TableVersion(0, "0");
        }

        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var command = new NpgsqlCommand($"SELECT {Columns} FROM medengine_cluster_silo WHERE cluster_id = $1" + (key is null ? string.Empty : " AND silo = $2"), connection, transaction))
        {
            command.Parameters.Add(new() { Value = ClusterId });
            if (key is not null)
            {
                command.Parameters.Add(new() { Value = key.ToParsableString() });
            }

            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows.Add(Tuple.Create(Entry(reader), Etag(reader.GetInt32(12))));
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return new MembershipTableData(rows, version);
    }

    /// <summary>Moves the version on (when its etag still matches) and writes the row, both or neither.</summary>
    private async Task<bool> ChangeAsync(TableVersion tableVersion, string sql, MembershipEntry entry, int? rowEtag)
    {
        await using var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var version = new NpgsqlCommand("UPDATE medengine_cluster_version SET version = $2, etag = etag + 1 WHERE cluster_id = $1 AND etag = $3", connection, transaction))
        {
            version.Parameters.Add(new() { Value = ClusterId });
            version.Parameters.Add(new() { Value = tableVersion.Version });
            version.Parameters.Add(new() { Value = int.Parse(tableVersion.VersionEtag, System.Globalization.CultureInfo.InvariantCulture) });
            if (await version.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var row = new NpgsqlCommand(sql, connection, transaction))
        {
            row.Parameters.Add(new() { Value = ClusterId });
            row.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
            row.Parameters.Add(new() { Value = (int)entry.Status });
            row.Parameters.Add(new() { Value = entry.ProxyPort });
            row.Parameters.Add(new() { Value = entry.HostName ?? string.Empty });
            row.Parameters.Add(new() { Value = entry.SiloName ?? string.Empty });
            row.Parameters.Add(new() { Value = entry.RoleName ?? string.Empty });
            row.Parameters.Add(new() { Value = entry.UpdateZone });
            row.Parameters.Add(new() { Value = entry.FaultZone });
            row.Parameters.Add(new() { Value = Utc(entry.StartTime) });
            row.Parameters.Add(new() { Value = Utc(entry.IAmAliveTime) });
            var suspects = entry.SuspectTimes ?? [];
            row.Parameters.Add(new() { Value = suspects.Select(s => s.Item1.ToParsableString()).ToArray() });
            row.Parameters.Add(new() { Value = suspects.Select(s => Utc(s.Item2)).ToArray() });
            if (rowEtag is { } etag)
            {
                row.Parameters.Add(new() { Value = etag });
            }

            if (await row.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private static MembershipEntry Entry(NpgsqlDataReader reader)
    {
        var silos = reader.GetFieldValue<string[]>(10);
        var times = reader.GetFieldValue<DateTime[]>(11);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
            Status = (SiloStatus)reader.GetInt32(1),
            ProxyPort = reader.GetInt32(2),
            HostName = reader.GetString(3),
            SiloName = reader.GetString(4),
            RoleName = reader.GetString(5),
            UpdateZone = reader.GetInt32(6),
            FaultZone = reader.GetInt32(7),
            StartTime = reader.GetDateTime(8),
            IAmAliveTime = reader.GetDateTime(9),
            SuspectTimes = silos.Zip(times, (silo, time) => Tuple.Create(SiloAddress.FromParsableString(silo), time)).ToList(),
        };
    }

    private static string Etag(int etag) => etag.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
