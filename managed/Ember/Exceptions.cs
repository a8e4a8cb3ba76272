using System;

namespace Ember;

/// <summary>
/// The base of every error reported by the Ember runtime. Each native status code has one
/// subclass, so callers can catch a class of error (<see cref="EmberShapeException"/>,
/// <see cref="EmberDTypeException"/>...) or all of them. The message is the runtime's own
/// description of the failure, in PyTorch's wording where PyTorch has the same error.
/// </summary>
public class EmberException : Exception
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public EmberException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>An argument is invalid: a null handle, an option value out of its range (EMBER_ERR_INVALID_ARGUMENT).</summary>
public class EmberArgumentException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberArgumentException(string message) : base(message)
    {
    }
}

/// <summary>Shapes do not match, cannot broadcast, or a view is impossible (EMBER_ERR_SHAPE).</summary>
public class EmberShapeException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberShapeException(string message) : base(message)
    {
    }
}

/// <summary>
/// A dtype is not supported by the operation, a result cannot be cast to the output's dtype, or a
/// managed element type does not match a tensor's dtype (EMBER_ERR_DTYPE).
/// </summary>
public class EmberDTypeException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberDTypeException(string message) : base(message)
    {
    }
}

/// <summary>Tensors live on different devices, or a device is unavailable (EMBER_ERR_DEVICE).</summary>
public class EmberDeviceException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberDeviceException(string message) : base(message)
    {
    }
}

/// <summary>An index or a dimension is out of range (EMBER_ERR_INDEX).</summary>
public class EmberIndexException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberIndexException(string message) : base(message)
    {
    }
}

/// <summary>The runtime could not allocate memory on a device (EMBER_ERR_OUT_OF_MEMORY).</summary>
public class EmberOutOfMemoryException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberOutOfMemoryException(string message) : base(message)
    {
    }
}

/// <summary>Reading or writing a file failed, or a file is malformed (EMBER_ERR_IO).</summary>
public class EmberIOException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberIOException(string message) : base(message)
    {
    }
}

/// <summary>The arguments are valid but this build does not support the combination (EMBER_ERR_UNSUPPORTED).</summary>
public class EmberUnsupportedException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberUnsupportedException(string message) : base(message)
    {
    }
}

/// <summary>An autograd rule was violated: backward twice, an in-place change of a saved tensor... (EMBER_ERR_AUTOGRAD).</summary>
public class EmberAutogradException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberAutogradException(string message) : base(message)
    {
    }
}

/// <summary>A bug in Ember (EMBER_ERR_INTERNAL, or a status this binding does not know): please report it with the message.</summary>
public class EmberInternalException : EmberException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmberInternalException(string message) : base(message)
    {
    }
}
