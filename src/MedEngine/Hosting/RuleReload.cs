using MedEngine.Knowledge;
using MedEngine.Rules;

namespace MedEngine;

/// <summary>A watched rules folder: reloads it when a rule file is added, removed or written, keeping the last good set.</summary>
internal sealed class RuleReload(RuleSetHost host, string directory, IKnowledgeBase knowledge, TimeProvider time)
{
    private string _fingerprint = Fingerprint(directory);

    public RuleSetHost Host => host;

    public string Directory => directory;

    /// <summary>The errors of the last reload; empty when the folder's rules are the set in use.</summary>
    public IReadOnlyList<InputError> LastErrors { get; private set; } = [];

    /// <summary>Reloads when the folder changed since the last look.</summary>
    /// <returns>Whether it reloaded (then see <see cref="LastErrors"/>).</returns>
    public bool ReloadIfChanged()
    {
        var now = Fingerprint(directory);
        if (now == _fingerprint)
        {
            return false;
        }

        _fingerprint = now;
        LastErrors = host.Reload(directory, knowledge, time);
        return true;
    }

    /// <summary>Every rule file's path, size and last write, in order: it changes when any rule file does.</summary>
    private static string Fingerprint(string directory) => !System.IO.Directory.Exists(directory) ? "" : string.Join('\n',
        new DirectoryInfo(directory).EnumerateFiles("*.*", SearchOption.AllDirectories)
            .Where(f => f.Extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));
}
