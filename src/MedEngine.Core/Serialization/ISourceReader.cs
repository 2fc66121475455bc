using MedEngine.Model;

namespace MedEngine.Serialization;

/// <summary>
/// Reads one input format into the source lists and patient facts of the patients it holds. A reader never throws on bad input:
/// it returns what it could read and every problem it found, each with a stable code (<see cref="InputIssueCodes"/>). An entry
/// with a problem is left out of the result and named in an issue, so every input entry is either read or reported.
/// </summary>
/// <remarks>
/// The readers are <see cref="SourceListJsonReader"/> (the MedEngine source list format) and <c>MedEngine.Fhir.FhirInputReader</c>
/// (FHIR R4 Bundle, resource or NDJSON, and the SFM <c>$getMedication</c> document). A new format is one class that implements this.
/// </remarks>
public interface ISourceReader
{
    /// <summary>The format's name for people, for example <c>MedEngine JSON</c>.</summary>
    string Format { get; }

    /// <summary>Whether the content is in this reader's format, judged from its shape and the file name; never throws.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="file">The file name.</param>
    /// <returns><see langword="true"/> when <see cref="Read"/> is the reader for it.</returns>
    bool CanRead(string content, string file);

    /// <summary>Reads one input.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="file">The file name, used in issues and for source ids.</param>
    /// <param name="kindOverride">The source kind given by the caller (for example KIND=FILE on the command line), which overrides the file's.</param>
    /// <returns>The patients read, what was read but not used, and every problem.</returns>
    SourceReadResult Read(string content, string file, SourceKind? kindOverride = null);
}
