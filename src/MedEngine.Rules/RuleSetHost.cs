using MedEngine.Knowledge;
using NRules.RuleModel;

namespace MedEngine.Rules;

/// <summary>
/// Holds the rule set in use and swaps it atomically on reload. A broken file never takes down the running rule set: the
/// last good one stays, and the reload reports every error at once. Thread-safe.
/// </summary>
public sealed class RuleSetHost
{
    private RuleSet _current;

    /// <summary>Creates a host with a first rule set.</summary>
    /// <param name="initial">The rule set.</param>
    public RuleSetHost(RuleSet initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The rule set in use.</summary>
    public RuleSet Current => Volatile.Read(ref _current);

    /// <summary>Loads a folder again; on success the new set replaces the old one for every new evaluation.</summary>
    /// <param name="directory">The rules folder.</param>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="time">The clock.</param>
    /// <param name="hostRules">Rules a host adds in C#.</param>
    /// <returns>No errors when the new set is in use; otherwise every error, and the old set stays. It never throws for a bad folder or file.</returns>
    public IReadOnlyList<InputError> Reload(string directory, IKnowledgeBase knowledge, TimeProvider time, IEnumerable<IRuleDefinition>? hostRules = null)
    {
        try
        {
            Volatile.Write(ref _current, RuleSet.Load(directory, knowledge, time, hostRules));
            return [];
        }
        catch (InputException e)
        {
            return e.Errors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file removed or locked while the folder was read: the old set stays, and the reload says why.
            return [new InputError(InputIssueCodes.FileUnreadable, directory, "The rules folder cannot be read: " + e.Message)];
        }
    }
}
