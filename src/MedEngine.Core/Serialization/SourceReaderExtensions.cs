using MedEngine.Model;

namespace MedEngine.Serialization;

/// <summary>Reading files with any <see cref="ISourceReader"/>.</summary>
public static class SourceReaderExtensions
{
    /// <summary>Reads one file, asynchronously; a missing file is an issue (<see cref="InputIssueCodes.FileMissing"/>), not an exception.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="path">The file.</param>
    /// <param name="kindOverride">The source kind given by the caller, which overrides the file's.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was read, and every problem.</returns>
    public static async Task<SourceReadResult> ReadFileAsync(this ISourceReader reader, string path, SourceKind? kindOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        string content;
        try
        {
            content = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SourceReadResult(path, [], [new InputError(InputIssueCodes.FileMissing, path, "No such file.")], new Dictionary<string, int>());
        }

        return reader.Read(content, path, kindOverride);
    }

}
