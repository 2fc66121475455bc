namespace MedEngine.Model;

/// <summary>The status of one entry as its source states it.</summary>
public enum EntryStatus
{
    /// <summary>No status was given. Never shown as active.</summary>
    Unknown = 0,
    /// <summary>In use.</summary>
    Active,
    /// <summary>Paused (for example before surgery).</summary>
    OnHold,
    /// <summary>Stopped before its planned end (seponert).</summary>
    Stopped,
    /// <summary>Ended as planned (for example a finished course, or a completed dispensing).</summary>
    Completed,
    /// <summary>Recorded by mistake; kept for provenance, ignored for the proposed state.</summary>
    EnteredInError,
}
