using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Commands;

/// <summary>
/// The texts of the errors a generated registry answers with (code <c>"500"</c>) when a request's
/// <c>value</c> does not fit the command's parameters. One place, so the texts stay stable and
/// tests and documentation can refer to them. Names are quoted with <c>'</c>, which survives the
/// escape-free wire form unchanged.
/// </summary>
public static class BindingErrors
{
    /// <summary>
    /// The return code of a binding error's result: <c>"500"</c> like any failure, so the Nova wire
    /// does not change, but its own string instance, so that <see cref="IsBindingError"/> tells a
    /// binding error from a command's own <c>"500"</c> by one reference comparison, on the error
    /// path only. (A flag on <see cref="CommandResult"/> would cost every dispatch: a third field
    /// makes the result too large to return in registers.)
    /// </summary>
    private static readonly string BindingErrorCode = new(ReturnCodes.Error.AsSpan());

    /// <summary>
    /// The result a generated registry completes a dispatch with when the request's <c>value</c>
    /// does not fit the command's parameters: <c>"500"</c> and <paramref name="message"/>, marked
    /// as a binding error for <see cref="IsBindingError"/>. Used by generated code; not meant to
    /// be called directly.
    /// </summary>
    /// <param name="message">One of the texts of this class.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static CommandResult Result(string message) => new(BindingErrorCode, message);

    /// <summary>
    /// Whether <paramref name="result"/> is a generated registry's answer to a value that does not
    /// fit the command (made by <see cref="Result"/>), rather than a command's own error. The mark
    /// is the return code's identity: a result copied with <c>with</c> keeps it, one rebuilt from
    /// its texts does not. <c>CommandExecutor</c> reports it as <c>CommandOutcomeKind.InvalidValue</c>.
    /// </summary>
    public static bool IsBindingError(CommandResult result) => ReferenceEquals(result.ReturnCode, BindingErrorCode);

    /// <summary>The command takes one <c>string</c> and the value is not a JSON string.</summary>
    public static string ExpectedString(string command) =>
        $"Command '{command}' expects a JSON string value";

    /// <summary>The command binds properties and the value is not a JSON object.</summary>
    public static string ExpectedObject(string command) =>
        $"Command '{command}' expects a JSON object value";

    /// <summary>The value is not valid JSON, or not one JSON value (only possible when a parser other than the legacy one hands it over).</summary>
    public static string InvalidJson(string command) =>
        $"Command '{command}' received a value that is not valid JSON";

    /// <summary>
    /// A string (the value of a command that takes one <c>string</c>, or a property name) escapes
    /// an unpaired UTF-16 surrogate (<c>"\ud800"</c>): it is JSON, but no .NET string can hold it.
    /// </summary>
    public static string InvalidText(string command) =>
        $"Command '{command}' received a string that is not valid Unicode text";

    /// <summary>A required property is missing.</summary>
    public static string MissingProperty(string command, string property) =>
        $"Command '{command}' requires property '{property}'";

    /// <summary>The value has a property that matches no parameter.</summary>
    public static string UnknownProperty(string command, string property) =>
        $"Command '{command}' has no property '{property}'";

    /// <summary>
    /// The value has a property twice (names compared once unescaped, exactly) and the command's
    /// JSON context refuses a repeated name (<c>AllowDuplicateProperties = false</c>, or the
    /// <c>JsonSerializerDefaults.Strict</c> preset); without that option the last value is taken.
    /// </summary>
    public static string RepeatedProperty(string command, string property) =>
        $"Command '{command}' has property '{property}' more than once";

    /// <summary>
    /// As <see cref="RepeatedProperty(string, string)"/>, for a name that differs from
    /// <paramref name="property"/> only in case when the command's JSON context also compares names
    /// ignoring case (<c>PropertyNameCaseInsensitive</c>), as it refuses such a pair inside a complex value:
    /// <c>Command 'two' has property 'x' more than once ('X' repeats it: the JSON context ignores the case of names)</c>.
    /// </summary>
    /// <param name="command">The command name.</param>
    /// <param name="property">The property name the command binds, given first.</param>
    /// <param name="given">The name as the value repeats it.</param>
    public static string RepeatedProperty(string command, string property, string given) =>
        $"{RepeatedProperty(command, property)} ('{given}' repeats it: the JSON context ignores the case of names)";

    /// <summary>
    /// The value has a property that matches no parameter, with a hint when it differs from one
    /// of <paramref name="parameters"/> only in case (names are compared exactly):
    /// <c>Command 'echo' has no property 'Word' (did you mean 'word'? names are case-sensitive)</c>.
    /// No hint when it matches several that way (parameters <c>Value</c> and <c>value</c>, property
    /// <c>VALUE</c>): naming one could point at the property the request already has. Generated
    /// code calls it on the error path only, so a request that binds pays nothing for the comparison.
    /// </summary>
    /// <param name="command">The command name.</param>
    /// <param name="property">The property name the value has.</param>
    /// <param name="parameters">The property names the command binds.</param>
    public static string UnknownProperty(string command, string property, string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? match = null;
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter, property, StringComparison.OrdinalIgnoreCase))
            {
                if (match is not null)
                {
                    return UnknownProperty(command, property);
                }

                match = parameter;
            }
        }

        return match is null
            ? UnknownProperty(command, property)
            : $"{UnknownProperty(command, property)} (did you mean '{match}'? names are case-sensitive)";
    }

    /// <summary>
    /// Adds the hint that a command's one complex parameter must be sent wrapped in its property:
    /// written after an unknown or missing property error when the value looks like the bare object.
    /// The hint quotes with <c>'</c>, as the other texts do, so it reads the same on the wire.
    /// </summary>
    /// <param name="error">The unknown or missing property error.</param>
    /// <param name="parameter">The complex parameter's property name.</param>
    public static string SendWrapped(string error, string parameter) =>
        $"{error} (the value is an object with property '{parameter}'; send {{'{parameter}': {{...}}}})";

    /// <summary>A property has a value of the wrong type.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="property">The property name.</param>
    /// <param name="expected">What was expected, for example <c>an integer from -2147483648 to 2147483647</c>.</param>
    public static string WrongType(string command, string property, string expected) =>
        $"Property '{property}' of command '{command}' must be {expected}";

    /// <summary>
    /// A property of a complex type has a value the JSON context refused, with where in the
    /// property's value the context stopped (System.Text.Json's <c>JsonException.Path</c>, for
    /// example <c>$.name</c> or <c>$.steps[2]</c>). The exception's message is not used because it
    /// can quote the value. The path can carry host data too (the keys of a dictionary member,
    /// <c>$.env['secret/key']</c>), so only its plain member names and numeric indices are shown,
    /// up to the first segment that is anything else, and at most 64 characters (cut with
    /// <c>...</c>): <c>$.env['secret/key']</c> shows as <c>$.env</c>. A dictionary key made only of
    /// letters, digits, <c>_</c> and <c>-</c> reads like a member name and can still show, within
    /// that limit. Nothing is added when no more than <c>$</c> (the value itself) is left.
    /// </summary>
    /// <param name="command">The command name.</param>
    /// <param name="property">The property name.</param>
    /// <param name="expected">What was expected, for example <c>a JSON value of type 'UserSpec'</c>.</param>
    /// <param name="path">The JSON path inside the property's value, or <c>null</c> when unknown.</param>
    public static string WrongType(string command, string property, string expected, string? path)
    {
        var shown = path is null ? "$" : BindingErrorPath.Shorten(path);
        return shown == "$"
            ? WrongType(command, property, expected)
            : $"{WrongType(command, property, expected)} (at {shown})";
    }

    /// <summary>
    /// An instance command's class needs a constructor argument that the registry's
    /// <see cref="IServiceProvider"/> does not supply (a host configuration error). Throws the
    /// <see cref="MissingServiceException"/> whose message is
    /// <c>Command class '{commandClass}' needs the service '{service}', which is not registered</c>.
    /// </summary>
    /// <remarks>
    /// Generated registries write <c>throw new InvalidOperationException(BindingErrors.MissingService(…))</c>:
    /// throwing here, while the argument is evaluated, gives that error its own type, which the
    /// parser logs with its message at Error level (type names only), without a change to the code
    /// already generated. The <see cref="string"/> return type keeps that expression valid.
    /// Used by generated code; not meant to be called directly.
    /// </remarks>
    /// <returns>Never returns.</returns>
    /// <exception cref="MissingServiceException">Always.</exception>
    [DoesNotReturn]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static string MissingService(string commandClass, string service) =>
        throw new MissingServiceException(commandClass, service);

    /// <summary>
    /// As <see cref="MissingService"/>, for a <c>[FromKeyedServices(key)]</c> parameter: the message
    /// names the key too, <c>Command class '{commandClass}' needs the service '{service}' with the key
    /// {serviceKey}, which is not registered</c>; when <paramref name="services"/> is no
    /// <c>IKeyedServiceProvider</c> (a <c>ServiceMap</c>, the empty provider), it says that the
    /// provider does not support keyed services instead, since no registration could help.
    /// </summary>
    /// <remarks>Used by generated code; not meant to be called directly.</remarks>
    /// <param name="commandClass">The command class, as its full name.</param>
    /// <param name="service">The service's type, as its full name.</param>
    /// <param name="serviceKey">The key as C# source text (<c>"fast"</c> with its quotes).</param>
    /// <param name="services">The provider the registry asked.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="MissingServiceException">Always.</exception>
    [DoesNotReturn]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static string MissingKeyedService(string commandClass, string service, string serviceKey, IServiceProvider services) =>
        throw new MissingServiceException(
            commandClass,
            service,
            serviceKey,
            services is IKeyedServiceProvider ? null : $"the service provider cannot supply: it is no {nameof(IKeyedServiceProvider)} ({services?.GetType().FullName}), so it has no keyed services");
}
