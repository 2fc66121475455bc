using System.Collections.Frozen;

namespace MedEngine.Normalization;

/// <summary>Words of form, route and packaging that may stand beside a medication's name without changing what it is.</summary>
internal static class Vocabulary
{
    /// <summary>Normalized descriptor words: forms, routes, release types, packaging, prepositions.</summary>
    public static FrozenSet<string> Descriptors { get; } = new[]
    {
        "tablett", "tabletter", "tablet", "tablets", "tabl", "tbl", "tab", "oral", "orale", "depottablett", "depottabletter", "depot",
        "retard", "enterotablett", "enterotabletter", "enterokapsel", "enterokapsler", "filmdrasjert", "filmdrasjerte", "drasjert",
        "brusetablett", "brusetabletter", "smeltetablett", "smeltetabletter", "sugetablett", "tyggetablett", "tyggetabletter",
        "kapsel", "kapsler", "kaps", "capsule", "capsules", "hard", "harde", "myk", "myke", "mikstur", "opplosning", "suspensjon",
        "injeksjonsvaeske", "injeksjon", "infusjonsvaeske", "infusjon", "injection", "injectable", "suspension", "solution",
        "extended", "release", "delayed", "er", "xr", "sr", "hr", "hour", "day", "days", "pack", "krem", "salve", "gel", "liniment",
        "plaster", "depotplaster", "transdermal", "patch", "system", "inhalasjonspulver", "inhalasjonsaerosol", "inhalasjonsvaeske",
        "inhalation", "inhaler", "spray", "nesespray", "nasal", "oyedraper", "draper", "drops", "eye", "mucosal", "pen", "ferdigfylt",
        "sproyte", "auto", "injector", "pulver", "granulat", "dosepose", "doseposer", "stikkpille", "stikkpiller", "rektal", "rectal",
        "vaginal", "intrauterine", "implant", "drug", "ring", "topical", "kutan", "cutaneous", "per", "i", "til", "med", "for",
        "with", "of", "in", "sublingual", "resoriblett", "dispergerbar", "dispersible", "chewable", "oppløselig", "mg", "ml",
        "depotkapsel", "depotkapsler", "sublingualspray", "munnspray", "mikrogram", "timer", "time", "modified",
        "vaginaltablett", "vaginaltabletter", "vaginalkrem", "vagitorie", "vagitorier", "vaginalinnlegg",
        "oyegel", "oyesalve", "oredraper", "sjampo", "skum", "implantat", "rektalvaeske", "klyster", "intrauterint", "innlegg",
        "vaginalring", "sublingualtablett", "tyggegummi", "konsentrat", "medisinert", "kutant",
    }.ToFrozenSet(StringComparer.Ordinal);
}
