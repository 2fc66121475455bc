using MedEngine.Findings;
using MedEngine.Rules;

namespace MedEngine.CdsHooks;

/// <summary>
/// Configuration of the MedEngine CDS Hooks service. Bind it from configuration (section <c>CdsHooks</c> in
/// <c>medengine serve</c>) or set it in <c>services.AddMedEngineCdsHooks(options =&gt; ...)</c>. Checked at start: an invalid
/// value stops the host with a message naming the option.
/// </summary>
public sealed class CdsHooksOptions
{
    /// <summary>
    /// The lowest severity sent as a card. The default value is <see cref="Severity.Caution"/>: <c>info</c> findings ("no action
    /// needed") never interrupt unless the host lowers this.
    /// </summary>
    public Severity InterruptThreshold { get; set; } = Severity.Caution;

    /// <summary>
    /// The lowest severity shown with the <c>critical</c> indicator. The default value is <see cref="Severity.Contraindicated"/>,
    /// so <c>avoid</c> and <c>caution</c> are <c>warning</c> and <c>info</c> is <c>info</c>. Set <see cref="Severity.Avoid"/> to
    /// show <c>avoid</c> as critical too.
    /// </summary>
    public Severity CriticalThreshold { get; set; } = Severity.Contraindicated;

    /// <summary>When not empty, only findings with one of these rule tags become cards.</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>Findings with one of these rule tags never become cards.</summary>
    public IList<string> ExcludedTags { get; } = [];

    /// <summary>The language of card texts: <c>nb</c> (Norwegian bokmål, the default value) or <c>en</c>.</summary>
    public string Language { get; set; } = "nb";

    /// <summary>
    /// The public base URL of the service as the EHR calls it (for example <c>https://cds.example.no</c>). JWTs must name it as
    /// audience: the base URL itself, <c>{base}/cds-services</c> or the called service's URL <c>{base}/cds-services/{id}</c> are
    /// accepted. Required when <see cref="TrustedClients"/> is not empty.
    /// </summary>
    public Uri? ServiceBaseUrl { get; set; }

    /// <summary>The EHRs allowed to call the service, each with its issuer and signing keys. Empty by default.</summary>
    public IList<TrustedClient> TrustedClients { get; } = [];

    /// <summary>
    /// Whether requests without a JWT are accepted when no trusted client is configured. The default value is
    /// <see langword="false"/>. Even when set, only requests arriving on a loopback address are accepted without a token, and
    /// the service logs a warning at start. Ignored (authentication is required) as soon as a trusted client is configured.
    /// </summary>
    public bool AllowAnonymousOnLoopback { get; set; }

    /// <summary>How far the clocks of the EHR and the service may differ when checking <c>exp</c> and <c>nbf</c>. The default value is 60 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest request body accepted, in bytes; larger ones get 413. The default value is 4 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The folder of rule files evaluated (see <c>docs/rule-files.md</c>). The default value is <see cref="RuleSet.ShippedDirectory"/>, the shipped library beside the
    /// application. Not used when the host registers its own <see cref="RuleSetHost"/>.
    /// </summary>
    public string RulesDirectory { get; set; } = RuleSet.ShippedDirectory;

    /// <summary>
    /// The SQLite file of the default patient event store (<c>MedEngine.Persistence.Sqlite</c>), which keeps the patients' lists
    /// and the audit trail of evaluations and feedback (<see cref="Audit.EventStoreAuditTrail"/>). The default value is
    /// <c>events.db</c> in <see cref="DefaultDataDirectory"/>. Not used when the host registers its own
    /// <see cref="Persistence.IPatientEventStore"/>.
    /// </summary>
    public string EventStorePath { get; set; } = Path.Combine(DefaultDataDirectory, "events.db");

    /// <summary>
    /// Where the service keeps its files unless told otherwise: <c>medengine</c> in the user's local application data
    /// (<c>~/.local/share/medengine</c> on Linux, <c>%LOCALAPPDATA%\medengine</c> on Windows), never the current directory.
    /// </summary>
    public static string DefaultDataDirectory { get; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "medengine");

    /// <summary>How long one fetch from the EHR's FHIR server may take when prefetch is missing. The default value is 5 seconds.</summary>
    public TimeSpan FhirFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The label of the cards' <c>source</c>. The default value is <c>MedEngine</c>.</summary>
    public string SourceLabel { get; set; } = "MedEngine";

    /// <summary>A link to more about the source, shown on cards when set.</summary>
    public Uri? SourceUrl { get; set; }

    /// <summary>The host's filter for findings, built from <see cref="InterruptThreshold"/>, <see cref="Tags"/> and <see cref="ExcludedTags"/>.</summary>
    /// <returns>The filter.</returns>
    public FindingFilter ToFilter() => new() { MinimumSeverity = InterruptThreshold, Tags = Tags.ToList(), ExcludedTags = ExcludedTags.ToList() };
}

/// <summary>An EHR trusted to call the service: its JWT issuer and the keys it signs with (a JSON Web Key Set).</summary>
public sealed class TrustedClient
{
    /// <summary>The <c>iss</c> the client puts in its JWTs (required).</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The JSON Web Key Set as JSON text (<c>{"keys": [...]}</c>). Give this or <see cref="JwksFile"/>.</summary>
    public string? Jwks { get; set; }

    /// <summary>A file holding the JSON Web Key Set. Give this or <see cref="Jwks"/>.</summary>
    public string? JwksFile { get; set; }
}
