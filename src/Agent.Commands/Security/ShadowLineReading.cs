namespace GuestAgent.Commands.Security;

/// <summary>Whether glibc reads a shadow line as an entry (<see cref="ShadowEntryShape"/>).</summary>
internal enum ShadowLineReading
{
    /// <summary>No glibc reads it: <c>getspnam</c> passes over it to the next line of the name.</summary>
    Unread,

    /// <summary>Every glibc reads it.</summary>
    Read,

    /// <summary>
    /// Read by glibc sources that clamp a number beyond 32 bits, passed over by glibc 2.36, which does
    /// not read one: which line is the user's entry depends on the guest's glibc.
    /// </summary>
    DependsOnGlibc,
}
