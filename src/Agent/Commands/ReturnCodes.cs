namespace GuestAgent.Commands;

/// <summary>The return codes of the Nova agent protocol. They travel as JSON strings.</summary>
public static class ReturnCodes
{
    /// <summary>Success.</summary>
    public const string Success = "0";

    /// <summary>The answer to a successful <c>keyinit</c>.</summary>
    public const string KeyInitSuccess = "D0";

    /// <summary>Unknown (or disabled) command.</summary>
    public const string NotFound = "404";

    /// <summary>Any failure.</summary>
    public const string Error = "500";
}
