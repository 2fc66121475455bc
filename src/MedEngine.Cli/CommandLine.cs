namespace MedEngine.Cli;

/// <summary>Dispatches the <c>medengine</c> commands.</summary>
internal static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for bad usage or bad input.</summary>
    public const int BadInput = 2;

    private const string Usage = """
        Usage:
          medengine reconcile [--json|--fhir] [--html FILE] [--lang nb|en] [--patient ID] [--rules DIR|--no-rules] ARG...
              Reconciles the medication lists of one patient and evaluates the rules. Each ARG is FILE or KIND=FILE,
              one source's list, with KIND one of gp, hospital, municipal, pll, prescriptions, dispensing, multidose,
              patient. FILE is a MedEngine source list (JSON, see docs/source-list-format.md) or FHIR R4 (Bundle,
              resource, NDJSON). Prints a table fitted to the terminal (--lang nb|en, default en); --json prints the
              JSON document of docs/reconcile-json.md; --fhir a FHIR R4 Bundle; --html FILE also writes a
              self-contained review page with the sources side by side. The rules are the shipped ones unless
              --rules DIR is given.
          medengine rules check [DIR]
              Checks every rule file under DIR (default: the shipped rules) and prints every error; exit 1 on error.
          medengine rules test [DIR] [--file FILE] [--rule ID]
              Runs every example in the rule files (or in one file, or of one rule) and prints pass or FAIL for each;
              an example whose medication does not resolve fails. Exit 1 when one fails.
          medengine import fest M30.xml --out DIR
          medengine import atc ATC_DDD.csv [--norwegian ATC_NO_NAMES.csv] --out DIR
          medengine import names FILE... --knowledge DIR --out DIR
          medengine import interactions onc-high|onc-non-interruptive|oscar|ansm|ddinter FILE... --out FILE [--knowledge DIR] [--atc ATC_DDD.csv]
              Import real sources into knowledge base folders and interaction tables (docs/knowledge-import.md).
          medengine report [--rules DIR] FILE|FOLDER...
              Reconciles and evaluates every patient in the files (for example a FHIR bulk export) and prints
              the findings per rule and the entries that did not resolve.
          medengine serve [--urls http://127.0.0.1:5080] [--rules DIR] [--store FILE] [--config FILE]
              Runs the CDS Hooks service (docs/cds-hooks.md) and the patient API (docs/patient-api.md) with the
              embedded defaults.
          medengine replay [--store FILE] --patient ID [--at SEQUENCE] [--json|--fhir] [--rules DIR]
              Prints a stored patient's list and findings as they were at a sequence number (default: now), and
              which rules produced them (docs/patient-api.md).
          medengine put [--store FILE] --patient ID [--events FILE] [ARG...]
              Stores source lists (ARG as in reconcile; each replaces that source's list) and patient events
              (docs/patient-events.md) in the patient's log, as the patient API does.
          medengine decide [--store FILE] --patient ID --clinician ID --role ROLE [--name NAME] [--at TIME]
                  [--line LINE --decision accept|chooseEntry|change|stop|notTaken [--entry SOURCE/ENTRY] [--dosage TEXT]
                  [--reason TEXT]] [--rest accept|stop|notTaken] [--match SOURCE/ENTRY --atc CODE] [--confirm]
              Records what an unresolved entry is (--match, a confirmed match), a clinician's decision on a line,
              the same decision for every other open line (--rest), and the confirmation of the list (--confirm),
              in that order, each on the list as it stands.
          medengine confirmed [--store FILE] --patient ID [--json|--fhir|--sfm [--lookup URL]] [--html FILE]
              Prints the confirmed list (docs/confirmed-list.md): status, confirmation, each line's decision, the
              open lines and what changed since; --fhir a List with Provenance; --sfm SFM's $sendMedication input.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? BadInput : Success;
        }

        return args[0] switch
        {
            "reconcile" => await ReconcileCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "rules" => await RulesCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "import" => await ImportCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "serve" => await ServeCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "replay" => await ReplayCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "report" => await ReportCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "put" => await PutCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "decide" => await DecideCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            "confirmed" => await ConfirmedCommand.RunAsync(args[1..], output, error).ConfigureAwait(false),
            _ => await FailAsync(error, $"Unknown command '{args[0]}'.").ConfigureAwait(false),
        };
    }

    public static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("medengine: " + message).ConfigureAwait(false);
        await error.WriteLineAsync(Usage).ConfigureAwait(false);
        return BadInput;
    }
}
