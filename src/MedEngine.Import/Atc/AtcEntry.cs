namespace MedEngine.Import.Atc;

/// <summary>One row of the WHO ATC index: a code at any level, its name, and a defined daily dose when the row has one.</summary>
/// <param name="Code">The ATC code.</param>
/// <param name="Name">The WHO name as written.</param>
/// <param name="Ddd">The defined daily dose, when given.</param>
/// <param name="Unit">The DDD unit (<c>mg</c>, <c>g</c>, <c>U</c>...), when given.</param>
/// <param name="Route">The WHO route code of the DDD (<c>O</c>, <c>P</c>, <c>R</c>...), when given.</param>
/// <param name="Note">The WHO note on the DDD, when given.</param>
public sealed record AtcEntry(string Code, string Name, decimal? Ddd, string? Unit, string? Route, string? Note);
