using MedEngine.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>One feedback item as sent by the EHR.</summary>
internal sealed record FeedbackItem(string Card, string Outcome, IReadOnlyList<string> AcceptedSuggestions, string? ReasonCode, string? ReasonDisplay, string? Comment, DateTimeOffset? OutcomeAt);

/// <summary>Reads and checks a feedback body (<c>{"feedback": [...]}</c>); every problem names its field.</summary>
internal static class FeedbackParser
{
    public static IReadOnlyList<FeedbackItem> Parse(ReadOnlySpan<byte> body)
    {
        var root = RequestJson.Parse(body);

        if (root is not JsonObject request)
        {
            throw new CdsRequestException("$", "The body must be a JSON object.");
        }

        if (request["feedback"] is not JsonArray items || items.Count == 0)
        {
            throw new CdsRequestException("feedback", "feedback must be a non-empty array.");
        }

        var result = new List<FeedbackItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"feedback[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw new CdsRequestException(field, "Each feedback item must be an object.");
            }

            var card = String(item, "card", field) ?? throw new CdsRequestException($"{field}.card", "card (the card's uuid) is required.");
            var outcome = String(item, "outcome", field) ?? throw new CdsRequestException($"{field}.outcome", "outcome is required.");
            if (outcome is not ("accepted" or "overridden"))
            {
                throw new CdsRequestException($"{field}.outcome", "outcome must be accepted or overridden.");
            }

            var accepted = new List<string>();
            if (item["acceptedSuggestions"] is JsonArray suggestions)
            {
                for (var j = 0; j < suggestions.Count; j++)
                {
                    accepted.Add((suggestions[j] as JsonObject) is { } s ? String(s, "id", $"{field}.acceptedSuggestions[{j}]") ?? throw new CdsRequestException($"{field}.acceptedSuggestions[{j}].id", "id is required.")
                        : throw new CdsRequestException($"{field}.acceptedSuggestions[{j}]", "Must be an object with an id."));
                }
            }

            string? code = null, display = null, comment = null;
            if (item["overrideReason"] is { } reasonNode)
            {
                if (reasonNode is not JsonObject reason)
                {
                    throw new CdsRequestException($"{field}.overrideReason", "overrideReason must be an object.");
                }

                if (reason["reason"] is JsonObject coding)
                {
                    code = String(coding, "code", $"{field}.overrideReason.reason");
                    display = String(coding, "display", $"{field}.overrideReason.reason");
                }
                else if (reason["reason"] is not null)
                {
                    throw new CdsRequestException($"{field}.overrideReason.reason", "reason must be a Coding.");
                }

                comment = String(reason, "userComment", $"{field}.overrideReason");
            }

            DateTimeOffset? at = null;
            if (String(item, "outcomeTimestamp", field) is { } timestamp)
            {
                at = IsoDateTimes.TryParse(timestamp, out var parsed)
                    ? parsed
                    : throw new CdsRequestException($"{field}.outcomeTimestamp", "outcomeTimestamp must be an ISO 8601 instant.");
            }

            if (outcome == "accepted" && code is not null)
            {
                throw new CdsRequestException($"{field}.overrideReason", "overrideReason goes with outcome overridden only.");
            }

            result.Add(new FeedbackItem(card, outcome, accepted, code, display, comment, at));
        }

        return result;
    }

    private static string? String(JsonObject node, string name, string parent)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new CdsRequestException($"{parent}.{name}", $"{name} must be a string.");
    }
}
