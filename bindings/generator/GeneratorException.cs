namespace Ember.BindingsGenerator;

/// <summary>
/// A construct the generator cannot map faithfully. The message names the declaration, so the
/// header can be fixed instead of the bindings silently going wrong.
/// </summary>
internal sealed class GeneratorException(string message) : Exception(message);
