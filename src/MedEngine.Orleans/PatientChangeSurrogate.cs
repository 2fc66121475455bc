using MedEngine.Persistence;

namespace MedEngine.Orleans;

/// <summary>How a <see cref="PatientChange"/> (a Core type, without Orleans attributes) travels between silos.</summary>
[GenerateSerializer]
internal struct PatientChangeSurrogate
{
    [Id(0)] public string PatientId;
    [Id(1)] public long Sequence;
    [Id(2)] public string[] Stored;
    [Id(3)] public string[] Superseded;
    [Id(4)] public string[][] Lines;
    [Id(5)] public string[][] Findings;
}

/// <summary>Converts <see cref="PatientChange"/> to and from its surrogate.</summary>
[RegisterConverter]
internal sealed class PatientChangeConverter : IConverter<PatientChange, PatientChangeSurrogate>
{
    public PatientChange ConvertFromSurrogate(in PatientChangeSurrogate surrogate) =>
        new(surrogate.PatientId, surrogate.Sequence, surrogate.Stored, surrogate.Superseded, Ids(surrogate.Lines), Ids(surrogate.Findings));

    public PatientChangeSurrogate ConvertToSurrogate(in PatientChange value) => new()
    {
        PatientId = value.PatientId,
        Sequence = value.Sequence,
        Stored = [.. value.StoredEventIds],
        Superseded = [.. value.SupersededSources],
        Lines = Ids(value.Lines),
        Findings = Ids(value.Findings),
    };

    private static string[][] Ids(ChangedIds ids) => [[.. ids.Added], [.. ids.Changed], [.. ids.Removed]];

    private static ChangedIds Ids(string[][] ids) => new(ids[0], ids[1], ids[2]);
}
