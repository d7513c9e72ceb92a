namespace GuestAgent.Commands.Update;

/// <summary>
/// The answer texts of <c>agentupdate</c>, each written out in docs/commands.md's table (a Nova
/// operator searches the page for the text they got). A template takes only its variable parts; the
/// archive's reasons (<see cref="InvalidArchive"/>) and the TLS failures stay with the code that finds them.
/// </summary>
internal static class AgentUpdateMessages
{
    public const string InvalidArguments = "Invalid arguments";
    public const string NoComma = "Invalid arguments: expected '<url>,<md5 or sha256>'";
    public const string MissingUrlOrChecksum = "Missing URL or MD5 sum in dictionary arguments";
    public const string InvalidChecksum = "Invalid checksum: expected an md5 (32 hex digits) or sha256 (64 hex digits)";
    public const string InvalidUrl = "Invalid URL";

    /// <summary>The answer to a URL whose host name is written beyond ASCII.</summary>
    public const string NonAsciiHost = "Invalid URL: write a host name beyond ASCII in its IDNA form (xn--...)";

    public const string HttpRefused = "Refusing a plain http URL: this agent accepts updates over https only";
    public const string InProgress = "Another agentupdate is in progress";
    public const string DownloadTimedOut = DownloadFailedPrefix + "timed out";
    public const string RedirectedOffHttp = DownloadFailedPrefix + "redirected to a URL that is not http or https";
    public const string RedirectedToInvalidUrl = DownloadFailedPrefix + "redirected to an invalid URL";
    public const string EmptyBinary = "The update's binary is empty";
    public const string NotAProgram = "The update's binary is not a program (neither an ELF file nor a script starting with '#!')";

    /// <summary>How the new binary's check or the restart command went when it ran out of time.</summary>
    public const string ProgramTimedOut = "timed out";

    private const string DownloadFailedPrefix = "Couldn't download the update: ";

    /// <summary>The staging directory or its lock could not be made, with the system's reason.</summary>
    public static string StagingFailed(string reason) => $"Couldn't create the staging directory: {reason}";

    /// <summary>The download failed: the transfer's category (<c>ConnectionError</c>), a TLS refusal's words or the system's reason.</summary>
    public static string DownloadFailed(string reason) => DownloadFailedPrefix + reason;

    /// <summary>The server answered with a status other than 200 and no redirect to follow.</summary>
    public static string DownloadStatus(int status) => $"{DownloadFailedPrefix}HTTP {status}";

    /// <summary>The download is larger than <see cref="AgentUpdateOptions.MaxDownloadBytes"/>.</summary>
    public static string DownloadTooLarge(long maxBytes) => $"{DownloadFailedPrefix}larger than {maxBytes} bytes";

    /// <summary>The server redirected more often than the agent follows.</summary>
    public static string TooManyRedirects(int maxRedirects) => $"{DownloadFailedPrefix}more than {maxRedirects} redirects";

    /// <summary>The MD5 the host gave, as it wrote it, against the one computed (lowercase).</summary>
    public static string Md5Mismatch(string given, string computed) => $"MD5 sums do not match ({given} != {computed})";

    /// <summary>The SHA-256 the host gave, as it wrote it, against the one computed (lowercase).</summary>
    public static string Sha256Mismatch(string given, string computed) => $"SHA-256 sums do not match ({given} != {computed})";

    /// <summary>The archive cannot be read, or holds what the agent refuses to unpack.</summary>
    public static string InvalidArchive(string reason) => $"Invalid update archive: {reason}";

    /// <summary>Writing into the staging directory failed, with the system's reason.</summary>
    public static string UnpackFailed(string reason) => $"Couldn't unpack the update archive: {reason}";

    /// <summary>The archive holds no binary of <see cref="AgentUpdateOptions.BinaryName"/>.</summary>
    public static string NoBinary(string binaryName) => $"The update archive has no '{binaryName}' binary";

    /// <summary>The binary is over <see cref="AgentUpdateOptions.MaxBinaryBytes"/>.</summary>
    public static string BinaryTooLarge(long maxBytes) => $"The update's binary is larger than {maxBytes} bytes";

    /// <summary>Installing (staging, renaming, repairing the owner and mode) failed, with the system's reason or what was refused.</summary>
    public static string InstallFailed(string reason) => $"Couldn't install the update: {reason}";

    /// <summary>The new binary failed its check: its exit code, <see cref="ProgramTimedOut"/> or <see cref="ProgramNotStarted"/>.</summary>
    public static string DoesNotRun(string how) => $"The new agent does not run on this guest: {how}";

    /// <summary>The restart command failed: its exit code, <see cref="ProgramTimedOut"/> or <see cref="ProgramNotStarted"/>.</summary>
    public static string RestartFailed(string how) => $"Couldn't restart the agent: {how}";

    /// <summary>A program could not be started at all, with the reason (<c>Exec format error</c>).</summary>
    public static string ProgramNotStarted(string? reason) => $"it could not be started ({reason})";

    /// <summary><paramref name="failure"/> of an update already installed, where nothing was written and nothing is put back.</summary>
    public static string LeftInPlace(string failure) => $"{failure}; the installed binary already was this update's and is left in place";

    /// <summary><paramref name="failure"/>, and the previous binary could not be put back: the operator must move it from <paramref name="backupPath"/>.</summary>
    public static string RollBackFailed(string failure, string exceptionType, string backupPath) =>
        $"{failure}; putting the previous binary back failed too ({exceptionType}): it is still at {backupPath}";

    /// <summary><paramref name="failure"/> of a first install, and the new binary could not be removed.</summary>
    public static string RemovalFailed(string failure, string exceptionType) => $"{failure}; removing the new binary failed too ({exceptionType})";
}
