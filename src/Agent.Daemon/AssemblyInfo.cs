// The daemon is a Linux guest agent: XenStore, unix sockets, /etc/shadow, POSIX file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
