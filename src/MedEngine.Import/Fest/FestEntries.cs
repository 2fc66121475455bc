using System.Xml.Linq;

namespace MedEngine.Import.Fest;

/// <summary>Turns one catalogue entry into the record the importer keeps; an entry without its main element is skipped.</summary>
internal static class FestEntries
{
    public static void Add(string entryName, XElement entry, string location, FestCatalog catalog, ImportLog log)
    {
        var mainName = entryName["Oppf".Length..];
        if (entry.Child(mainName) is not { } main)
        {
            log.Skip($"{entryName} without {mainName}", FestXml.Text(entry.Child("Id")), location);
            return;
        }

        var id = FestXml.Text(main.Child("Id")) is { Length: > 0 } ownId ? ownId : FestXml.Text(entry.Child("Id"));
        switch (mainName)
        {
            case "LegemiddelMerkevare":
                AddProduct(main, id, location, catalog);
                break;
            case "Virkestoff":
                catalog.Substances[id] = new FestSubstance(id, FestXml.Text(main.Child("Navn")), FestXml.Text(main.Child("NavnEngelsk")), FestXml.Atc(main.Child("Atc")));
                break;
            case "VirkestoffMedStyrke":
                catalog.Strengths[id] = FestXml.Text(main.Child("RefVirkestoff"));
                break;
            case "Interaksjon":
                catalog.Interactions.Add(Interaction(main, id));
                break;
            default:
                foreach (var atc in main.Children("Atc"))
                {
                    catalog.NotAssessed.Add((FestXml.Atc(atc), FestXml.Display(atc), location));
                }

                break;
        }
    }

    private static void AddProduct(XElement product, string id, string location, FestCatalog catalog)
    {
        var name = FestXml.Text(product.Child("Varenavn"));
        var atc = FestXml.Atc(product.Child("Atc"));
        var refs = product.DescendantsNamed("RefVirkestoffMedStyrke", "RefVirkestoff").Select(FestXml.Text).Where(r => r.Length > 0).ToList();
        var route = product.DescendantsNamed("Administrasjonsvei").FirstOrDefault();
        catalog.Products.Add(new FestProduct(id, name, atc, FestXml.Display(product.Child("LegemiddelformKort")), FestXml.Display(route), refs, location));
        foreach (var dose in product.DescendantsNamed("DoseEtterBehov"))
        {
            var max = dose.DescendantsNamed("MaksDosePerDogn", "MaksDoseDogn").FirstOrDefault();
            var interval = dose.DescendantsNamed("MinimumIntervall", "MinIntervall").FirstOrDefault();
            catalog.PrnDoses.Add(new FestPrnDose(id, name, atc, FestXml.Code(max), max?.Attribute("U")?.Value.Trim() ?? string.Empty, Hours(interval)));
        }
    }

    private static FestInteraction Interaction(XElement interaction, string id)
    {
        var groups = interaction.Children("Substansgruppe")
            .Select(g => (IReadOnlyList<FestInteractionSubstance>)g.Children("Substans")
                .Select(s => new FestInteractionSubstance(FestXml.Text(s.Child("Substans")), FestXml.Atc(s.Child("Atc"))))
                .ToList())
            .ToList();
        var references = interaction.Children("Referanse")
            .Select(r => r.HasElements ? string.Join(", ", r.Elements().Select(FestXml.Text).Where(t => t.Length > 0)) : FestXml.Text(r))
            .Where(r => r.Length > 0)
            .ToList();
        return new FestInteraction(id, FestXml.Code(interaction.Child("Relevans")), FestXml.Text(interaction.Child("KliniskKonsekvens")),
            FestXml.Text(interaction.Child("Interaksjonsmekanisme")), Handling(interaction.Child("Handtering")),
            FestXml.Code(interaction.Child("Kildegrunnlag")), references, groups);
    }

    private static string Handling(XElement? handling) =>
        handling is null ? string.Empty : handling.HasElements ? string.Join(" ", handling.Elements().Select(FestXml.Text)) : FestXml.Display(handling);

    /// <summary>An interval (<c>V</c> with <c>U</c> in hours, minutes or days) in hours, invariant; empty when missing or not a number.</summary>
    private static string Hours(XElement? interval)
    {
        if (!decimal.TryParse(FestXml.Code(interval).Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return string.Empty;
        }

        var unit = interval!.Attribute("U")?.Value.Trim().ToLowerInvariant() ?? "t";
        var hours = unit switch
        {
            "min" => value / 60,
            "d" or "døgn" => value * 24,
            _ => value,
        };
        return hours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    }
}
