using System.Reflection;
using MedEngine.Knowledge;
using Microsoft.Extensions.Configuration;

namespace MedEngine.Cli;

/// <summary>Refuses configuration keys that bind to nothing (a misspelt key would otherwise be ignored without a word).</summary>
internal static class ConfigurationKeys
{
    /// <summary>Every key under a section that no property of <paramref name="type"/> (or of the items of its list properties) takes, each with a "did you mean".</summary>
    public static IEnumerable<string> Unknown(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return $"'{child.Path}'.{Spelling.DidYouMean(child.Key, properties.Keys)} The keys of {section.Path} are {string.Join(", ", properties.Keys)}.";
                continue;
            }

            var item = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var argument] && argument.IsClass && argument != typeof(string)
                ? argument
                : null;
            foreach (var problem in item is null ? [] : child.GetChildren().SelectMany(element => Unknown(element, item)))
            {
                yield return problem;
            }
        }
    }
}
