using MedEngine.Knowledge;

namespace MedEngine.Normalization;

/// <summary>
/// Normalizes pharmaceutical forms and routes to a small set of canonical names, and tells which routes are systemic.
/// Entries of one substance are separate therapies when their route groups differ (a gel is not a tablet).
/// </summary>
public static class FormAndRoute
{
    /// <summary>
    /// Form words, the forms that decide the route first: FEST names a form with its container or carrier after it
    /// ("inhalasjonspulver, hard kapsel", "injeksjonsvæske, oppløsning i ferdigfylt penn", "øyedråper, oppløsning"), and
    /// the carrier must not make it oral.
    /// </summary>
    private static readonly (string[] Words, string Form)[] FormWords =
    [
        (["depottablett", "depottabletter", "retard", "extended", "er", "xr", "sr", "depotkapsel", "depotkapsler"], "modified-release"),
        (["inhalasjonspulver", "inhalasjonsaerosol", "inhalasjonsvaeske", "inhalation", "inhaler"], "inhalation"),
        (["injeksjonsvaeske", "injeksjon", "infusjonsvaeske", "infusjon", "injection", "injectable", "sproyte", "pen", "injector"], "injection"),
        (["depotplaster", "plaster", "patch", "transdermal"], "patch"),
        (["oyedraper", "eye"], "eye drops"),
        (["oyegel", "oyesalve"], "eye ointment"),
        (["oredraper"], "ear drops"),
        (["nesespray", "nasal"], "nasal spray"),
        (["stikkpille", "stikkpiller", "suppository"], "suppository"),
        (["rektalvaeske", "klyster"], "rectal liquid"),
        (["intrauterine", "intrauterint"], "intrauterine system"),
        (["ring", "vaginalring"], "vaginal ring"),
        (["vaginaltablett", "vaginaltabletter", "vagitorie", "vagitorier", "vaginalkrem", "vaginalinnlegg"], "vaginal"),
        (["implant", "implantat"], "implant"),
        (["mucosal", "sublingual", "resoriblett", "sublingualtablett", "sublingualspray", "munnspray", "tyggegummi"], "oromucosal"),
        (["krem", "cream"], "cream"),
        (["salve", "ointment"], "ointment"),
        (["gel", "liniment"], "gel"),
        (["kutan", "kutant", "sjampo", "skum"], "cutaneous"),
        (["tablett", "tabletter", "tablet", "tablets", "tabl", "tbl", "tab", "enterotablett", "enterotabletter", "filmdrasjert", "brusetablett", "smeltetablett", "sugetablett", "tyggetablett", "dispergerbar"], "tablet"),
        (["kapsel", "kapsler", "kaps", "capsule", "capsules", "enterokapsel", "enterokapsler"], "capsule"),
        (["mikstur", "oral solution", "oral suspension", "orale draper", "opplosning"], "oral liquid"),
    ];

    private static readonly (string[] Words, string Route)[] RouteWords =
    [
        (["oral", "po", "peroral", "per os", "by mouth", "munn"], "oral"),
        (["iv", "intravenos", "intravenous", "intravenost"], "intravenous"),
        (["im", "intramuskulaer", "intramuscular"], "intramuscular"),
        (["sc", "subkutan", "subcutaneous", "subkutant"], "subcutaneous"),
        (["parenteral"], "parenteral"),
        (["transdermal", "transdermalt"], "transdermal"),
        (["kutan", "kutant", "topical", "utvortes", "cutaneous", "hud", "skin"], "topical"),
        (["inhalasjon", "inhalation", "inhalert", "respiratory"], "inhalation"),
        (["okular", "ophthalmic", "oyet", "eye"], "ophthalmic"),
        (["nasal", "nese"], "nasal"),
        (["rektal", "rectal", "rektalt"], "rectal"),
        (["vaginal", "vaginalt"], "vaginal"),
        (["sublingual", "buccal", "oromucosal", "mucosal"], "oromucosal"),
        (["intrauterine", "intrauterin"], "intrauterine"),
        (["otic", "aurikulaer", "oret", "orene"], "otic"),
    ];

    private static readonly Dictionary<string, string> RouteOfForm = new(StringComparer.Ordinal)
    {
        ["modified-release"] = "oral",
        ["modified-release tablet"] = "oral",
        ["modified-release capsule"] = "oral",
        ["tablet"] = "oral",
        ["capsule"] = "oral",
        ["oral liquid"] = "oral",
        ["injection"] = "parenteral",
        ["patch"] = "transdermal",
        ["inhalation"] = "inhalation",
        ["cream"] = "topical",
        ["ointment"] = "topical",
        ["gel"] = "topical",
        ["eye drops"] = "ophthalmic",
        ["eye ointment"] = "ophthalmic",
        ["ear drops"] = "otic",
        ["cutaneous"] = "topical",
        ["rectal liquid"] = "rectal",
        ["vaginal"] = "vaginal",
        ["nasal spray"] = "nasal",
        ["suppository"] = "rectal",
        ["intrauterine system"] = "intrauterine",
        ["vaginal ring"] = "vaginal",
        ["implant"] = "subcutaneous",
        ["oromucosal"] = "oromucosal",
    };

    private static readonly HashSet<string> SystemicRoutes = new(StringComparer.Ordinal)
    {
        "oral", "intravenous", "intramuscular", "subcutaneous", "parenteral", "transdermal", "rectal", "oromucosal",
    };

    /// <summary>The canonical form named in a text (<c>depottablett</c> → <c>modified-release tablet</c>), or <see langword="null"/>.</summary>
    /// <param name="text">A form or a whole medication name as written.</param>
    /// <returns>The canonical form, when the text names one.</returns>
    public static string? NormalizeForm(string? text)
    {
        var normalized = " " + NameNormalizer.Normalize(text) + " ";
        string? release = null;
        foreach (var (words, form) in FormWords)
        {
            if (words.Any(w => normalized.Contains(" " + w + " ", StringComparison.Ordinal)))
            {
                if (form == "modified-release")
                {
                    release = form;
                    continue;
                }

                return release is null ? form : form is "tablet" or "capsule" ? $"{release} {form}" : form;
            }
        }

        return release is null ? null : "modified-release tablet";
    }

    /// <summary>The canonical route named in a text (<c>po</c> → <c>oral</c>), or <see langword="null"/>.</summary>
    /// <param name="text">A route as written.</param>
    /// <returns>The canonical route, when the text names one.</returns>
    public static string? NormalizeRoute(string? text)
    {
        var normalized = " " + NameNormalizer.Normalize(text) + " ";
        return RouteWords.FirstOrDefault(r => r.Words.Any(w => normalized.Contains(" " + w + " ", StringComparison.Ordinal))).Route;
    }

    /// <summary>The route a canonical form implies (a tablet is oral, a gel topical), or <see langword="null"/>.</summary>
    /// <param name="form">A canonical form.</param>
    /// <returns>The route.</returns>
    public static string? RouteOf(string? form) => form is not null && RouteOfForm.TryGetValue(form, out var route) ? route : null;

    /// <summary>
    /// The route group that separates therapies of one substance: empty for systemic routes and for an unknown route,
    /// else the local route itself (<c>topical</c>, <c>ophthalmic</c>, <c>inhalation</c>...).
    /// </summary>
    /// <param name="route">A canonical route, or <see langword="null"/>.</param>
    /// <returns>The route group.</returns>
    public static string RouteGroup(string? route) => route is null || SystemicRoutes.Contains(route) ? string.Empty : route;
}
