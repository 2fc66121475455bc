namespace MedEngine.Cli;

/// <summary>Where the rule files that ship with the tool are: the <c>rules</c> folder beside the program.</summary>
internal static class ShippedRules
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "rules");
}
