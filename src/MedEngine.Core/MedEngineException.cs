namespace MedEngine;

/// <summary>The root of the exceptions MedEngine throws for failures of its inputs or its engine (not for misuse of its API).</summary>
public class MedEngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MedEngineException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public MedEngineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public MedEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An input (a knowledge base file, a source list) could not be read. <see cref="Errors"/> lists every problem found, each with where it is.</summary>
public sealed class InputException : MedEngineException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">Every problem found; at least one.</param>
    public InputException(IReadOnlyList<InputError> errors)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one problem.</summary>
    /// <param name="error">The problem.</param>
    public InputException(InputError error)
        : this([error])
    {
    }

    /// <summary>Every problem found, in input order.</summary>
    public IReadOnlyList<InputError> Errors { get; }
}
