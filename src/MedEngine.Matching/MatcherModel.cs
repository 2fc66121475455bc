using MedEngine.Knowledge;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MedEngine.Matching;

/// <summary>
/// The learned part of the matcher: a logistic regression (ML.NET L-BFGS, one thread, fixed seed) over
/// <see cref="NamePairFeatures"/>, trained on the knowledge base's names and their generated variants (<see cref="NameVariants"/>)
/// to say whether a written name and a known name mean the same substances. Its output is a probability (Platt-calibrated by
/// the trainer), so a score of 0.8 is right about 8 times in 10 on names like those it learned from. Kept as an ML.NET model
/// file (<see cref="FileName"/>, in the knowledge base folder) and read into its weights for scoring, which is then a dot
/// product and thread-safe.
/// </summary>
public sealed class MatcherModel
{
    /// <summary>The model's file name in a knowledge base folder: <c>matcher.zip</c>.</summary>
    public const string FileName = "matcher.zip";

    /// <summary>The seed of the generated variants and of ML.NET, so the same knowledge base gives the same model.</summary>
    public const int Seed = 11;

    private readonly float[] _weights;
    private readonly float _bias;
    private readonly double _slope;
    private readonly double _offset;

    private MatcherModel(ITransformer transformer, DataViewSchema schema)
    {
        Transformer = transformer;
        Schema = schema;
        var prediction = (ISingleFeaturePredictionTransformer<object>)transformer;
        if (prediction.Model is not CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> calibrated)
        {
            throw new InvalidDataException($"The model is a {prediction.Model.GetType().Name}, not a calibrated logistic regression.");
        }

        _weights = [.. calibrated.SubModel.Weights];
        _bias = calibrated.SubModel.Bias;
        _slope = calibrated.Calibrator.Slope;
        _offset = calibrated.Calibrator.Offset;
        if (_weights.Length != NamePairFeatures.Count)
        {
            throw new InvalidDataException($"The matcher model has {_weights.Length} weights; this MedEngine computes {NamePairFeatures.Count} features. Retrain it with 'medengine knowledge train-matcher'.");
        }
    }

    private ITransformer Transformer { get; }

    private DataViewSchema Schema { get; }

    /// <summary>The weight of each feature, by feature name (for the documentation and for checking that two trainings agree).</summary>
    public IReadOnlyDictionary<string, float> Weights => NamePairFeatures.Names.Zip(_weights).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    /// <summary>Trains the model from a knowledge base's names and their generated variants. The same knowledge base gives the same weights.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The model and how many variants and pairs it learned from.</returns>
    public static (MatcherModel Model, int Variants, int Pairs) Train(IKnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var index = new CandidateIndex(knowledge);
        var rows = new List<PairRow>();
        var variants = 0;
        foreach (var (variant, name) in NameVariants.Of(knowledge, Seed))
        {
            variants++;
            var written = new NameView(variant);
            var meant = SubstanceSet.Of(knowledge.FindByName(name)!.Substances);
            foreach (var candidate in index.Candidates(written))
            {
                rows.Add(new PairRow { Features = NamePairFeatures.Of(written, candidate), Label = SubstanceSet.Of(index.SubstancesOf(candidate)) == meant });
            }
        }

        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 });
        var transformer = trainer.Fit(data);
        return (new MatcherModel(transformer, data.Schema), variants, rows.Count);
    }

    /// <summary>Loads a model file written by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InputException">The file is missing, is not an ML.NET model of this matcher, or has another number of features.</exception>
    public static MatcherModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InputException(new InputError(InputIssueCodes.FileMissing, path, "The matcher model does not exist; train it with 'medengine knowledge train-matcher'."));
        }

        try
        {
            var transformer = new MLContext(Seed).Model.Load(path, out var schema);
            return new MatcherModel(transformer, schema);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidCastException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new InputException(new InputError(InputIssueCodes.FileUnreadable, path, "Not a matcher model of this MedEngine: " + e.Message));
        }
    }

    /// <summary>Writes the model as an ML.NET model file.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        new MLContext(Seed).Model.Save(Transformer, Schema, path);
    }

    /// <summary>The probability that a written name means what a known name means.</summary>
    internal double Score(float[] features)
    {
        double score = _bias;
        for (var i = 0; i < features.Length; i++)
        {
            score += _weights[i] * features[i];
        }

        return 1.0 / (1.0 + Math.Exp(_slope * score + _offset));
    }

    private sealed class PairRow
    {
        [VectorType(NamePairFeatures.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}

/// <summary>The substances a name means, as one comparable key (their keys in order).</summary>
internal static class SubstanceSet
{
    public static string Of(IEnumerable<Substance> substances) => string.Join('+', substances.Select(s => s.Key).Order(StringComparer.Ordinal));
}
