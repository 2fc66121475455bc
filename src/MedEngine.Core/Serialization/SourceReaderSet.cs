using MedEngine.Model;

namespace MedEngine.Serialization;

/// <summary>
/// Several formats behind one reader: each input goes to the first reader that <see cref="ISourceReader.CanRead"/> it, and content
/// no reader claims goes to the last one, which then reports what is wrong with it (put the MedEngine JSON reader last).
/// </summary>
/// <param name="readers">The readers, in the order they are tried; at least one.</param>
public sealed class SourceReaderSet(params IReadOnlyList<ISourceReader> readers) : ISourceReader
{
    private readonly IReadOnlyList<ISourceReader> _readers = readers is { Count: > 0 } ? readers : throw new ArgumentException("At least one reader.", nameof(readers));

    /// <inheritdoc />
    public string Format => string.Join(", ", _readers.Select(r => r.Format));

    /// <inheritdoc />
    public bool CanRead(string content, string file) => _readers.Any(r => r.CanRead(content, file));

    /// <inheritdoc />
    public SourceReadResult Read(string content, string file, SourceKind? kindOverride = null) =>
        (_readers.FirstOrDefault(r => r.CanRead(content, file)) ?? _readers[^1]).Read(content, file, kindOverride);
}
