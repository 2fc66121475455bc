using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>Decision support by the rule files (and host rules) of a <see cref="RuleSetHost"/>, evaluated with NRules.</summary>
internal sealed class RuleDecisionSupport(RuleSetHost rules, TimeProvider time) : IDecisionSupport
{
    public string? RuleSetHash => rules.Current.ContentHash;

    public IPatientDecisionSupport Open(PatientContext? patient) => new PatientDecisionSupport(rules, time, patient);
}
