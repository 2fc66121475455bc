using MedEngine.Knowledge;

namespace MedEngine.Rules;

/// <summary>Reads and checks a folder of rule files, reporting every error of every file at once.</summary>
internal static class RuleFiles
{
    /// <summary>Reads every <c>*.yaml</c> and <c>*.yml</c> file under a folder, in path order.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="knowledge">The knowledge base names and ATC codes are checked against.</param>
    /// <returns>The rules, when every file is valid.</returns>
    /// <exception cref="InputException">Every problem found, with file, line and column.</exception>
    public static IReadOnlyList<ClinicalRule> Read(string directory, IKnowledgeBase knowledge)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (!Directory.Exists(directory))
        {
            throw new InputException(new InputError(InputIssueCodes.FileMissing, directory, "The rules folder does not exist."));
        }

        var errors = new List<InputError>();
        var rules = new List<ClinicalRule>();
        foreach (var file in Files(directory))
        {
            if (ReadText(file, errors) is { } text)
            {
                rules.AddRange(new RuleFileParser(knowledge, file, errors).Parse(text));
            }
        }

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = duplicate.First();
            errors.AddRange(duplicate.Skip(1).Select(r => new InputError(InputIssueCodes.RuleDuplicateId, r.File, $"Duplicate rule id '{r.Id}'; it is also at {first.File}:{first.Line}.") { Line = r.Line, Column = 1 }));
        }

        var resolved = CumulativeAtLeast.Resolve(rules, errors);
        errors.AddRange(RuleChecks.UnknownCodes(resolved.Where(r => r.Condition is not MissingTherapyCondition { Total: { Of: null } }), knowledge));
        return errors.Count > 0
            ? throw new InputException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList())
            : resolved;
    }

    /// <summary>
    /// The content hash of a folder of rule files: SHA-256 over each file's path relative to the folder and its bytes, in path
    /// order, as <c>sha256:</c> and 64 hex digits. Two folders with the same files give the same hash on every machine.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The hash.</returns>
    public static string ContentHash(string directory)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Files(directory))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file).Replace('\\', '/') + "\n"));
            var bytes = File.ReadAllBytes(file);
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A file's text (<see cref="InputFiles"/>); <see langword="null"/> with an error when it is too large, not UTF-8 or cannot be read.</summary>
    private static string? ReadText(string file, List<InputError> errors)
    {
        try
        {
            if (new FileInfo(file).Length > RuleFileLimits.MaxChars * 4L)
            {
                errors.Add(new InputError(InputIssueCodes.RuleFileLimit, file, $"The rule file is larger than {RuleFileLimits.MaxChars} characters can be."));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new InputError(InputIssueCodes.FileUnreadable, file, "The rule file cannot be read: " + e.Message));
            return null;
        }

        var (text, error) = InputFiles.ReadText(file);
        if (error is not null)
        {
            errors.Add(error);
        }

        return text;
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
