namespace MedEngine.Import.Interactions;

/// <summary>The public interaction lists <see cref="InteractionImporter"/> reads; their severities map as <c>docs/knowledge-import.md</c> says.</summary>
public enum InteractionListKind
{
    /// <summary>ONC high-priority interactions (Phansalkar 2012): <c>$</c>-separated name and DrugBank id pairs; all <c>avoid</c>.</summary>
    OncHighPriority,

    /// <summary>ONC non-interruptive interactions (Phansalkar 2013): the same shape; all <c>info</c>.</summary>
    OncNonInterruptive,

    /// <summary>OSCAR drugref: tab-separated, keyed by ATC codes, significance 1 to 3.</summary>
    Oscar,

    /// <summary>The French ANSM thesaurus as translated by WorldVista: tab-separated, names and RxCUIs, four severities.</summary>
    Ansm,

    /// <summary>DDInter 1.0 (non-commercial): CSV of name pairs with levels Major, Moderate, Minor, Unknown; one or more files.</summary>
    DdInter,
}
