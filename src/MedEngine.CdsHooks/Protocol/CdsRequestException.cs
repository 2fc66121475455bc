namespace MedEngine.CdsHooks.Protocol;

/// <summary>A request the service cannot take: answered with 400 and a JSON error naming the field.</summary>
internal sealed class CdsRequestException(string field, string message) : Exception(message)
{
    /// <summary>The JSON path of the field at fault (for example <c>context.patientId</c>).</summary>
    public string Field { get; } = field;
}
