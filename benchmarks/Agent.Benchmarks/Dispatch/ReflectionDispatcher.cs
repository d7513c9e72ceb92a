using System.Reflection;
using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>
/// The design the generator replaces: the original agent's metaclass registered commands at run
/// time. Here a registry is built at start-up by scanning for <see cref="CommandAttribute"/> and
/// every request is bound and invoked through reflection.
/// </summary>
public sealed class ReflectionDispatcher
{
    private readonly Dictionary<string, MethodInfo> _methods;

    public ReflectionDispatcher(Assembly assembly)
    {
        _methods = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<CommandAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => x.Method, StringComparer.Ordinal);
    }

    /// <summary>The method registered under <paramref name="name"/>, or <c>null</c>.</summary>
    public MethodInfo? Find(string name) => _methods.GetValueOrDefault(name);

    public byte[] Handle(byte[] request)
    {
        using var document = JsonDocument.Parse(request);
        var root = document.RootElement;
        var name = root.GetProperty("name").GetString()!;
        if (!_methods.TryGetValue(name, out var method))
        {
            return ResponseWriter.Write(ReturnCodes.NotFound, ProtocolMessages.UnknownCommand(name));
        }

        var value = root.TryGetProperty("value", out var v) ? v : default;
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(parameters[i].Name!, out var property)
                ? property.Deserialize(parameters[i].ParameterType)
                : parameters[i].DefaultValue;
        }

        var result = method.Invoke(null, arguments);
        return result switch
        {
            CommandResult r => ResponseWriter.Write(r.ReturnCode, r.Message),
            string s => ResponseWriter.Write(ReturnCodes.Success, s),
            _ => ResponseWriter.Write(ReturnCodes.Success, JsonSerializer.Serialize(result)),
        };
    }
}
