using MedEngine.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;

namespace MedEngine.Orleans;

/// <summary>Makes an Orleans silo a MedEngine node.</summary>
public static class MedEngineSiloBuilderExtensions
{
    /// <summary>
    /// Hosts patients in this silo: the patient grain, and <see cref="PatientGrainService"/> as the node's
    /// <see cref="IPatientService"/> (so the patient API and CDS Hooks of this node reach every patient of the cluster). The
    /// silo's services need a <see cref="MedEngineRuntime"/> and an <see cref="IPatientEventStore"/> shared by every silo.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <returns>The same silo.</returns>
    public static ISiloBuilder AddMedEnginePatients(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IPatientService, PatientGrainService>();
        // A refused event (PatientEventRejectedException) or a racing write (PatientEventConflictException) reaches the caller
        // on another silo as itself, so the patient API answers 409 there as it does in one process.
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("MedEngine"));
        return silo;
    }

    /// <summary>
    /// Keeps the cluster's membership in PostgreSQL (tables <c>medengine_cluster_version</c> and <c>medengine_cluster_silo</c>,
    /// created on first start), usually the database of the event store. Silos of one <see cref="ClusterOptions.ClusterId"/>
    /// find each other there; a silo that dies is voted dead by the others and its row kept until Orleans cleans defunct rows.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The same silo.</returns>
    public static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.Services.AddSingleton<IMembershipTable>(sp => new PostgreSqlMembershipTable(NpgsqlDataSource.Create(connectionString), sp.GetRequiredService<IOptions<ClusterOptions>>()));
        return silo;
    }
}
