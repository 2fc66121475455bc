using MedEngine.Import.Text;

namespace MedEngine.Import.Interactions;

/// <summary>
/// An ONC list (<c>name$DrugBank id$name$DrugBank id$</c> per line, no header, no severity or text): every pair gets the
/// list's one severity.
/// </summary>
internal sealed class OncList(string source, string severity, string consequence, string reference) : IInteractionList
{
    public static OncList HighPriority { get; } = new("ONC high-priority", InteractionSeverity.Avoid,
        "High-priority interaction (ONC list): should interrupt the prescriber; the list gives no consequence text.",
        "Phansalkar S et al. High-priority drug-drug interactions for use in electronic health records. J Am Med Inform Assoc 2012;19(5):735-43");

    public static OncList NonInterruptive { get; } = new("ONC non-interruptive", InteractionSeverity.Info,
        "Interaction of low clinical importance (ONC non-interruptive list): do not interrupt; the list gives no consequence text.",
        "Phansalkar S et al. Drug-drug interactions that should be non-interruptive in order to reduce alert fatigue in electronic health records. J Am Med Inform Assoc 2013;20(3):489-93");

    public string Source => source;

    public IEnumerable<ListPair> Read(string file, ImportLog log)
    {
        foreach (var record in DelimitedReader.Read(file, '$', quoted: false))
        {
            log.CountRead();
            var location = $"{file}:{record.Line}";
            if (record.Field(0).Length == 0 || record.Field(2).Length == 0)
            {
                log.Skip("missing drug name", string.Join('$', record.Fields), location);
                continue;
            }

            yield return new ListPair(location, new ListSide(record.Field(0), false), new ListSide(record.Field(2), false), severity, consequence)
            {
                Reference = reference,
            };
        }
    }
}
