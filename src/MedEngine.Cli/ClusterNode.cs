using System.Net;
using MedEngine.Orleans;
using Orleans.Configuration;

namespace MedEngine.Cli;

/// <summary>
/// <c>serve --cluster</c>: this process becomes a silo of the cluster <c>medengine</c>, its membership in PostgreSQL beside the
/// event store, and its patient API reaches every patient through the patient grains. Membership timeouts are short, so the
/// patients of a silo that dies answer again from another within about 10 s (probes every 2 s, dead after 3 missed).
/// </summary>
internal static class ClusterNode
{
    public const string ClusterId = "medengine";

    public static void Configure(ISiloBuilder silo, string postgres, int siloPort, int gatewayPort, bool loopbackOnly)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
        });
        if (loopbackOnly)
        {
            // On loopback the silo advertises 127.0.0.1, never another interface of the machine.
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.ConfigureEndpoints(siloPort, gatewayPort);
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        silo.UsePostgreSqlClustering(postgres);
        silo.AddMedEnginePatients();
    }
}
