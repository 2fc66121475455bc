namespace MedEngine.Import.Fest;

/// <summary>A LegemiddelMerkevare: a brand product in one form and strength.</summary>
internal sealed record FestProduct(string Id, string Varenavn, string Atc, string Form, string Route, IReadOnlyList<string> SubstanceRefs, string Location);

/// <summary>A Virkestoff: an active substance.</summary>
internal sealed record FestSubstance(string Id, string Navn, string NavnEngelsk, string Atc);

/// <summary>A Substans of a Substansgruppe: an ATC code, or only a name (grapefruit).</summary>
internal sealed record FestInteractionSubstance(string Name, string Atc);

/// <summary>An Interaksjon with its substance groups.</summary>
internal sealed record FestInteraction(string Id, string Relevans, string Consequence, string Mechanism, string Handling, string Evidence,
    IReadOnlyList<string> References, IReadOnlyList<IReadOnlyList<FestInteractionSubstance>> Groups);

/// <summary>A DoseEtterBehov of a product: the most per 24 hours and the least hours between doses.</summary>
internal sealed record FestPrnDose(string ProductId, string Name, string Atc, string MaxPer24Hours, string Unit, string MinIntervalHours);
