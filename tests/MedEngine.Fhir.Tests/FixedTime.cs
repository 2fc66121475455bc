namespace MedEngine.Fhir.Tests;

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static FixedTime Default { get; } = new(new DateTimeOffset(2026, 9, 12, 8, 30, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
