using MedEngine.Model;

namespace MedEngine.Serialization;

/// <summary>Reading files with any <see cref="ISourceReader"/>.</summary>
public static class SourceReaderExtensions
{
    /// <summary>Reads one file, asynchronously (<see cref="InputFiles"/>): a missing or unreadable file, or one that is not UTF-8, is an issue, not an exception.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="path">The file.</param>
    /// <param name="kindOverride">The source kind given by the caller, which overrides the file's.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was read, and every problem.</returns>
    public static async Task<SourceReadResult> ReadFileAsync(this ISourceReader reader, string path, SourceKind? kindOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        var (content, error) = await InputFiles.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return new SourceReadResult(path, [], [error!], new Dictionary<string, int>());
        }

        return reader.Read(content, path, kindOverride);
    }

}
