using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace MedEngine.Tests;

/// <summary>Holds the input issue codes unique and <c>docs/input-issues.md</c> equal to them, code for code.</summary>
public sealed partial class InputIssueCodesTests
{
    private static readonly IReadOnlyDictionary<string, string> Constants = typeof(InputIssueCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_code_is_unique_and_well_formed()
    {
        Assert.NotEmpty(Constants);
        Assert.All(Constants, c => Assert.Matches("^IN[0-9]{3}$", c.Value));
        var reused = Constants.GroupBy(c => c.Value).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(c => c.Key)));
        Assert.Empty(reused);
    }

    [Fact]
    public void The_documented_table_lists_exactly_the_codes()
    {
        var documented = File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "input-issues.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["code"].Value);

        Assert.Equal(Constants.OrderBy(c => c.Key), documented.OrderBy(c => c.Key));
    }

    [GeneratedRegex(@"^\| (?<code>IN[0-9]{3}) \| `(?<name>\w+)` \|")]
    private static partial Regex TableRow();
}
