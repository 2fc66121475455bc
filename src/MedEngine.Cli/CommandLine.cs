using System.CommandLine;

namespace MedEngine.Cli;

/// <summary>
/// The <c>medengine</c> commands on System.CommandLine: help (<c>-h</c>, <c>--help</c>) and <c>--version</c> on every command, the
/// same option rules everywhere (an option given twice, a missing value or an unknown argument is refused), and one set of exit
/// codes: 0 success, 1 findings or rule errors where a command says so, 2 bad usage or input.
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for rule errors or failed examples (<c>rules check</c>, <c>rules test</c>).</summary>
    public const int Findings = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("medengine: reconciles a patient's medication lists into one list and evaluates the rule files (README.md).")
        {
            ReconcileCommand.Create(output, error),
            RulesCommand.Create(output, error),
            ImportCommand.Create(output, error),
            ReportCommand.Create(output, error),
            CoverageCommand.Create(output, error),
            ServeCommand.Create(output, error),
            ReplayCommand.Create(output, error),
            PutCommand.Create(output, error),
            DecideCommand.Create(output, error),
            ConfirmedCommand.Create(output, error),
            KnowledgeCommand.Create(output, error),
        };
        foreach (var command in Descendants(root))
        {
            command.Options.Add(new VersionOption());
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("medengine: " + problem.Message).ConfigureAwait(false);
            }

            var path = string.Join(' ', parsed.CommandResult.Command is RootCommand ? [] : Path(parsed.CommandResult.Command, root));
            await error.WriteLineAsync($"Run 'medengine {(path.Length > 0 ? path + " " : "")}--help' for how to use it.").ConfigureAwait(false);
            return BadInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    /// <summary>An option that takes one value.</summary>
    public static Option<string> Value(string name, string valueName, string description) => new(name) { Description = description, HelpName = valueName };

    /// <summary><c>--setting</c>: the patient's care setting; rules for other settings do not fire.</summary>
    public static Option<string> Setting()
    {
        var setting = Value("--setting", "nursing-home|home-care|hospital|gp", "Where the patient is cared for; rules for other settings do not fire (default: unknown, every rule applies).");
        setting.AcceptOnlyFromAmong([.. MedEngine.Model.CareSettings.AllNames]);
        return setting;
    }

    /// <summary>The care setting an option gave, or <see langword="null"/> when it gave none.</summary>
    public static MedEngine.Model.CareSetting? Setting(ParseResult parsed, Option<string> setting) =>
        MedEngine.Model.CareSettings.TryParse(parsed.GetValue(setting), out var care) ? care : null;

    /// <summary>An option that is on or off.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>Refuses giving more than one of some options.</summary>
    public static void AtMostOne(Command command, params Option[] options) => command.Validators.Add(result =>
    {
        var given = options.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (given.Count > 1)
        {
            result.AddError($"Give one of {string.Join(", ", options.Select(o => o.Name))}, not {string.Join(" and ", given)}.");
        }
    });

    /// <summary>Files (or folders) as arguments: a word that starts with '-' is an unknown option, not a file.</summary>
    public static Argument<string[]> Files(string name, string description, ArgumentArity arity)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = arity };
        argument.Validators.Add(result =>
        {
            foreach (var option in (result.GetValueOrDefault<string[]>() ?? []).Where(v => v.StartsWith('-')))
            {
                result.AddError($"Unknown option '{option}'.");
            }
        });
        return argument;
    }

    /// <summary>Reports a problem found after parsing (a missing file, say) and answers 2.</summary>
    public static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("medengine: " + message).ConfigureAwait(false);
        return BadInput;
    }

    /// <summary>Runs a command's work: refused input (every error, with file, line and field) and a file that cannot be read answer 2.</summary>
    public static async Task<int> RunWorkAsync(TextWriter error, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
            return Success;
        }
        catch (InputException e)
        {
            foreach (var inputError in e.Errors)
            {
                await error.WriteLineAsync("medengine: " + inputError).ConfigureAwait(false);
            }

            return BadInput;
        }
        catch (IOException e)
        {
            return await FailAsync(error, e.Message).ConfigureAwait(false);
        }
    }

    private static IEnumerable<Command> Descendants(Command command) => command.Subcommands.SelectMany(c => Descendants(c).Prepend(c));

    private static IEnumerable<string> Path(Command command, Command from) =>
        from.Subcommands.Contains(command) ? [command.Name]
        : from.Subcommands.Select(c => (c, Path(command, c).ToList())).FirstOrDefault(p => p.Item2.Count > 0) is ({ } via, { } rest) ? rest.Prepend(via.Name) : [];
}
