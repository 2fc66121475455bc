using System.Diagnostics;
using System.Diagnostics.Metrics;
using MedEngine.Findings;

namespace MedEngine;

/// <summary>
/// The engine's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>, both named
/// <see cref="Name"/> (listed in <c>docs/hosting.md</c>). They carry counts, durations and severities, never patient data.
/// </summary>
public static class MedEngineTelemetry
{
    /// <summary>The name of the meter and the activity source: <c>MedEngine</c>.</summary>
    public const string Name = "MedEngine";

    /// <summary>The activity of one update of a patient session (one or more events, evaluated once).</summary>
    public const string UpdateActivity = "medengine.session.update";

    internal static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>(
        "medengine.events.applied", "{event}", "Patient events applied to sessions.");

    private static readonly Histogram<double> EvaluationTime = Meter.CreateHistogram<double>(
        "medengine.evaluation.duration", "s", "Time to reconcile an update and evaluate decision support on it.");

    private static readonly Counter<long> FindingsRaised = Meter.CreateCounter<long>(
        "medengine.findings.raised", "{finding}", "Findings that began to hold, by severity.");

    private static readonly Histogram<long> UnresolvedEntries = Meter.CreateHistogram<long>(
        "medengine.entries.unresolved", "{entry}", "Entries left unresolved in a patient's list after an update.");

    private static readonly Counter<long> SnapshotFailures = Meter.CreateCounter<long>(
        "medengine.snapshots.failed", "{snapshot}", "Patient snapshots that could not be written (the log has the events; loads fold more of it), by exception type.");

    internal static void SnapshotFailed(Exception exception) =>
        SnapshotFailures.Add(1, new KeyValuePair<string, object?>("exception", exception.GetType().Name));

    internal static void Updated(int events, TimeSpan elapsed, FindingsDelta findings, int unresolved)
    {
        EventsApplied.Add(events);
        EvaluationTime.Record(elapsed.TotalSeconds);
        foreach (var finding in findings.Added)
        {
            FindingsRaised.Add(1, new KeyValuePair<string, object?>("severity", Severities.ToName(finding.Severity)));
        }

        UnresolvedEntries.Record(unresolved);
    }
}
