using System.Text.Json;
using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Kms;

/// <summary>The validated arguments of <c>kmsactivate</c>.</summary>
/// <param name="ActivationKey">The RHN activation key (a secret: never logged).</param>
/// <param name="Profile">The profile name to register.</param>
/// <param name="Domains">The RHN server host names.</param>
internal sealed partial record KmsActivation(string ActivationKey, string Profile, IReadOnlyList<string> Domains)
{
    /// <summary>Reads and validates <c>{"activation_key","profile","domains"}</c>.</summary>
    public static KmsActivation Parse(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object ||
            !TryGetText(value, "activation_key", out var key) || key.Length == 0 ||
            !TryGetText(value, "profile", out var profile) ||
            !value.TryGetProperty("domains", out var domains) || domains.ValueKind is not (JsonValueKind.Array or JsonValueKind.String))
        {
            throw new CommandException(KmsActivateMessages.InvalidArguments);
        }

        // Like the original, a single domain may be given as a string instead of a list.
        var names = new List<string>();
        foreach (var domain in domains.ValueKind == JsonValueKind.String ? [domains] : domains.EnumerateArray().ToArray())
        {
            if (!TryReadString(domain, out var name) || !IsHostName(name))
            {
                throw new CommandException(KmsActivateMessages.BadDomain);
            }

            names.Add(name);
        }

        if (names.Count == 0)
        {
            throw new CommandException(KmsActivateMessages.NoDomains);
        }

        return new KmsActivation(key, profile, names);
    }

    // The compiler's record ToString would print the activation key; any log or message that
    // formats this record must not carry the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ActivationKey = <secret>, Profile = ").Append(Profile)
            .Append(", Domains = [").AppendJoin(", ", Domains).Append(']');
        return true;
    }

    private static bool TryGetText(JsonElement value, string name, out string text)
    {
        text = "";
        if (!value.TryGetProperty(name, out var element) || !TryReadString(element, out text))
        {
            return false;
        }

        // The values end up as arguments of rhnreg_ks: no control characters.
        return !text.Any(char.IsControl);
    }

    /// <summary>
    /// The element's text, if it is a string that decodes: GetString throws InvalidOperationException for
    /// an escaped lone surrogate (<c>"\ud800"</c>), which must be answered as invalid arguments, not as
    /// an unexpected failure of the command.
    /// </summary>
    private static bool TryReadString(JsonElement element, out string text)
    {
        text = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A host name, optionally with a port of at most 65535: nothing else may reach the up2date file.</summary>
    private static bool IsHostName(string name)
    {
        var match = HostName().Match(name);
        return match.Success &&
               (!match.Groups["port"].Success || int.Parse(match.Groups["port"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) <= 65535);
    }

    // \z, not $: .NET's $ also matches before a final "\n", which would end a line of the up2date file.
    [GeneratedRegex("\\A(?=[^:]{1,253}(:|\\z))[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:(?<port>[0-9]{1,5}))?\\z")]
    private static partial Regex HostName();
}
