namespace MedEngine.Model;

/// <summary>Where the patient is cared for: rule files say in which settings a rule applies (NORGEP-NH in nursing homes).</summary>
public enum CareSetting
{
    /// <summary>A nursing home (sykehjem), long-term or short-term stay.</summary>
    NursingHome,

    /// <summary>At home with municipal home care (hjemmetjeneste).</summary>
    HomeCare,

    /// <summary>In hospital.</summary>
    Hospital,

    /// <summary>At home, followed by the general practitioner (fastlege).</summary>
    GeneralPractice,
}

/// <summary>The names of <see cref="CareSetting"/>s in rule files, on the command line and in JSON.</summary>
public static class CareSettings
{
    private static readonly (CareSetting Setting, string Name)[] Names =
    [
        (CareSetting.NursingHome, "nursing-home"),
        (CareSetting.HomeCare, "home-care"),
        (CareSetting.Hospital, "hospital"),
        (CareSetting.GeneralPractice, "gp"),
    ];

    /// <summary>All names, in declaration order (<c>nursing-home</c>, <c>home-care</c>, <c>hospital</c>, <c>gp</c>).</summary>
    public static IReadOnlyList<string> AllNames { get; } = Array.ConvertAll(Names, n => n.Name);

    /// <summary>The name of a setting.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>Its name, such as <c>nursing-home</c>.</returns>
    public static string ToName(CareSetting setting) => Array.Find(Names, n => n.Setting == setting).Name;

    /// <summary>Parses a setting's name (case-insensitive).</summary>
    /// <param name="name">The name, such as <c>home-care</c>.</param>
    /// <param name="setting">The setting, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is one of <see cref="AllNames"/>.</returns>
    public static bool TryParse(string? name, out CareSetting setting)
    {
        foreach (var (s, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                setting = s;
                return true;
            }
        }

        setting = default;
        return false;
    }
}
