using MedEngine.Knowledge;

namespace MedEngine.Normalization;

/// <summary>The result of resolving an entry to substances: either resolved with its evidence, or unresolved with the reason and possible matches.</summary>
public sealed record MedicationResolution
{
    /// <summary>The substances, ordered by key; empty when unresolved.</summary>
    public IReadOnlyList<Substance> Substances { get; init; } = [];

    /// <summary>The product, when a product name or code was matched.</summary>
    public Product? Product { get; init; }

    /// <summary>What the substances were resolved from; <see langword="null"/> when unresolved.</summary>
    public ResolutionEvidence? Evidence { get; init; }

    /// <summary>Why the entry could not be resolved; <see langword="null"/> when resolved.</summary>
    public string? UnresolvedReason { get; init; }

    /// <summary>Substance or product names that are only similar to the entry's name: for a person to confirm, never merged.</summary>
    public IReadOnlyList<PossibleMatch> PossibleMatches { get; init; } = [];

    /// <summary>
    /// When the entry's name was a free text with more than a medication's name in it ("Pinex 500 mg 2 tabletter ved behov"):
    /// the name it resolved from and the rest; <see langword="null"/> otherwise.
    /// </summary>
    public FreeTextReading? FreeText { get; init; }

    /// <summary>Whether the entry resolved to at least one substance.</summary>
    public bool IsResolved => Evidence is not null;
}

/// <summary>A knowledge base name that resembles an unresolved entry's name.</summary>
/// <param name="Name">The normalized name in the knowledge base.</param>
/// <param name="Substances">What that name means.</param>
/// <param name="Similarity">The proposer's score from 0 to 1 (for <see cref="EditDistanceProposer"/>, 1 - edit distance / length).</param>
public sealed record PossibleMatch(string Name, IReadOnlyList<Substance> Substances, double Similarity);

/// <summary>How a free-text entry was read: the words that exactly name the medication, and the words after them.</summary>
/// <param name="Name">The words that name the medication exactly ("Pinex").</param>
/// <param name="Rest">The words after the name, as written: strength, form and dosage ("500 mg 2 tabletter ved behov").</param>
public sealed record FreeTextReading(string Name, string Rest);
