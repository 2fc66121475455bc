using System.Text;

namespace MedEngine;

/// <summary>
/// The one way MedEngine reads an input's text (a file's, or a request body's): UTF-8 (a byte-order mark is skipped), strictly: bytes that are not
/// UTF-8 are refused with their offset (<see cref="InputIssueCodes.FileNotUtf8"/>), never replaced. A missing file is
/// <see cref="InputIssueCodes.FileMissing"/>, one that cannot be read <see cref="InputIssueCodes.FileUnreadable"/>.
/// </summary>
public static class InputFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file's text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or the error that says why there is none.</returns>
    public static async Task<(string? Text, InputError? Error)> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Failure(path, e));
        }
    }

    /// <summary>Reads a file's text.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The text, or the error that says why there is none.</returns>
    public static (string? Text, InputError? Error) ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Decode(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Failure(path, e));
        }
    }

    /// <summary>Decodes input bytes (a file's, or a request body's) as strict UTF-8, a byte-order mark skipped.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="path">The file or request, for the error.</param>
    /// <returns>The text, or the error naming the offset of the first byte that is not UTF-8.</returns>
    public static (string? Text, InputError? Error) Decode(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return (StrictUtf8.GetString(bytes, start, bytes.Length - start), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, new InputError(InputIssueCodes.FileNotUtf8, path, $"Not UTF-8 text: invalid bytes at byte offset {start + e.Index}."));
        }
    }

    private static InputError Failure(string path, Exception e) => e is FileNotFoundException or DirectoryNotFoundException
        ? new InputError(InputIssueCodes.FileMissing, path, "The file is missing.")
        : new InputError(InputIssueCodes.FileUnreadable, path, "The file cannot be read: " + e.Message);
}
