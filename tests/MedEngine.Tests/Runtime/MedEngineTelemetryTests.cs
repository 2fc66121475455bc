using System.Diagnostics;
using System.Diagnostics.Metrics;
using Xunit;

namespace MedEngine.Tests.Runtime;

/// <summary>The meter and the activity source see a session update: events, time, findings by severity, unresolved entries.</summary>
public sealed class MedEngineTelemetryTests
{
    [Fact]
    public void Evaluate_RecordsEventsFindingsBySeverityUnresolvedEntriesAndAnActivity()
    {
        // Other tests evaluate at the same time on other threads; the listeners keep what this test's thread records.
        var thread = Environment.CurrentManagedThreadId;
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).Build();
        var measurements = new List<(string Name, double Value, string? Severity)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MedEngineTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Environment.CurrentManagedThreadId != thread)
            {
                return;
            }

            string? severity = null;
            foreach (var tag in tags)
            {
                severity = tag.Key == "severity" ? (string?)tag.Value : severity;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, severity));
            }
        }

        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.Start();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MedEngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Environment.CurrentManagedThreadId == thread)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var evaluation = runtime.Evaluate(SamplePatient.Lists);

        Assert.NotEmpty(evaluation.Findings);
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Name == "medengine.events.applied" && m.Value == SamplePatient.Lists.Count);
            Assert.Contains(measurements, m => m.Name == "medengine.evaluation.duration" && m.Value >= 0);
            Assert.Contains(measurements, m => m.Name == "medengine.entries.unresolved" && m.Value == evaluation.List.Unresolved.Count);
            foreach (var severity in evaluation.Findings.GroupBy(f => Findings.Severities.ToName(f.Severity)))
            {
                Assert.Equal(severity.Count(), measurements.Count(m => m.Name == "medengine.findings.raised" && m.Severity == severity.Key));
            }
        }

        var update = Assert.Single(activities, a => a.OperationName == MedEngineTelemetry.UpdateActivity);
        Assert.Equal(SamplePatient.Lists.Count, update.GetTagItem("medengine.events"));
        Assert.Equal(evaluation.Findings.Count, update.GetTagItem("medengine.findings.added"));
    }
}
