using System.Diagnostics;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Audit;
using MedEngine.CdsHooks.Cards;
using MedEngine.CdsHooks.Fhir;
using MedEngine.CdsHooks.Protocol;
using MedEngine.Reconciliation;
using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedEngine.CdsHooks;

/// <summary>
/// Answers one hook call: completes prefetch from the FHIR server where needed, reconciles the sources, evaluates the rules,
/// keeps quiet what was overridden for the same patient and context, turns the rest into cards and records it all in the audit trail.
/// </summary>
internal sealed class CdsHooksEvaluator(
    MedEngineRuntime runtime, IAuditTrail audit, FhirFetcher fetcher, IPatientService patients, TimeProvider time,
    IOptions<CdsHooksOptions> options, ILogger<CdsHooksEvaluator> logger)
{
    private readonly CardBuilder _cards = new(options.Value);
    private readonly FindingFilter _filter = options.Value.ToFilter();

    /// <summary>
    /// Runs one synthetic order through reading, reconciliation, the rules and the card builder (nothing is audited), so the
    /// first clinician does not wait for just-in-time compilation.
    /// </summary>
    public void Warm()
    {
        static JsonObject Order(string id, string name) => new()
        {
            ["resourceType"] = "MedicationRequest", ["id"] = id, ["status"] = "active", ["intent"] = "order",
            ["subject"] = new JsonObject { ["reference"] = "Patient/warm" }, ["medicationCodeableConcept"] = new JsonObject { ["text"] = name },
        };
        static JsonObject Bundle(JsonObject resource) => new() { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = new JsonArray(new JsonObject { ["resource"] = resource }) };
        var request = new CdsRequest
        {
            Hook = CdsHookNames.OrderSign,
            HookInstance = "warm-up",
            PatientId = "warm",
            DraftOrders = Bundle(Order("d1", "ibuprofen 400 mg tablett")),
            Prefetch = new Dictionary<string, JsonObject?>(StringComparer.Ordinal) { ["medicationRequests"] = Bundle(Order("r1", "warfarin 2,5 mg tablett")) },
        };
        var data = PatientDataReader.Read(request, request.Prefetch);
        var support = runtime.OpenSession(data.Patient);
        support.ApplyAll(data.Lists.Select(list => new SourceListReplaced(list)));
        foreach (var finding in support.Interrupting(_filter, ""))
        {
            _ = _cards.ForFinding(finding, support.List, data.Drafts, orderHook: true);
        }

        _ = System.Text.Json.JsonSerializer.Serialize(new CdsResponse([]), CdsHooksEndpoints.Json);
    }

    public async Task<CdsResponse> EvaluateAsync(CdsService service, CdsRequest request, string? client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prefetch = await fetcher.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        var data = PatientDataReader.Read(request, prefetch);

        // A patient the service holds (the patient API) starts from its stored lists and facts; the call's prefetch lists
        // follow (a source in both is replaced by the prefetch's list unless that one is older), then the draft orders.
        var held = await patients.GetAsync(request.PatientId, cancellationToken).ConfigureAwait(false);
        var support = runtime.OpenSession(held is null ? data.Patient : PatientContexts.Merge([data.Patient, held.Patient]));
        support.ApplyAll((held?.Lists ?? []).Concat(data.Lists).Select(list => new SourceListReplaced(list)));

        foreach (var decision in await audit.OverridesAsync(request.PatientId, cancellationToken).ConfigureAwait(false))
        {
            support.Override(decision);
        }

        var orderHook = service.Hook != CdsHookNames.PatientView;
        var interrupting = support.Interrupting(_filter, request.OverrideContext).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var cards = new List<Card>();
        var audited = new List<AuditFinding>();
        var findings = support.Findings;
        if (!orderHook)
        {
            var summary = _cards.ReconciliationSummary(support.List, findings.Count(f => interrupting.Contains(f.Key)));
            cards.Add(summary);
            audited.Add(new AuditFinding("medengine-reconciliation", "medengine-reconciliation", 1, Severity.Info, FindingDisposition.Card, summary.Uuid, summary.Summary));
        }

        var notChecked = findings.Where(f => f.Category == FindingCategory.NotChecked && (!orderHook || AboutOrder(f, data))).ToList();
        var notCheckedCard = notChecked.Count > 0 ? _cards.NotChecked(notChecked, support.List) : null;
        if (notCheckedCard is not null)
        {
            cards.Add(notCheckedCard);
        }

        foreach (var finding in findings)
        {
            FindingDisposition disposition;
            Card? card = null;
            if (finding.Category == FindingCategory.NotChecked && notChecked.Contains(finding))
            {
                disposition = FindingDisposition.Card;
                card = notCheckedCard;
            }
            else if (orderHook && !AboutOrder(finding, data))
            {
                disposition = FindingDisposition.NotAboutOrder;
            }
            else if (!_filter.Passes(finding))
            {
                disposition = FindingDisposition.BelowThreshold;
            }
            else if (!interrupting.Contains(finding.Key))
            {
                disposition = FindingDisposition.Overridden;
            }
            else
            {
                disposition = FindingDisposition.Card;
                card = _cards.ForFinding(finding, support.List, data.Drafts, orderHook);
                cards.Add(card);
            }

            audited.Add(new AuditFinding(finding.Key, finding.RuleId, finding.RuleVersion, finding.Severity, disposition, card?.Uuid, card?.Summary ?? CardTexts.Text(finding.Title, options.Value.Language)));
        }

        await audit.RecordEvaluationAsync(
            new AuditEvaluation(request.HookInstance, service.Id, service.Hook, request.PatientId, request.OverrideContext, request.UserId, client, time.GetUtcNow(), audited),
            cancellationToken).ConfigureAwait(false);
        Log.Evaluated(logger, service.Id, findings.Count, cards.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new CdsResponse(cards);
    }

    /// <summary>Whether a finding concerns a selected draft order of the call.</summary>
    private static bool AboutOrder(Finding finding, PatientData data) =>
        finding.Entries.Any(e => e.Source == PatientDataReader.DraftSourceId && data.Drafts.TryGetValue(e.EntryId, out var d) && d.Selected);
}
