// The tests drive Unix file modes, owners and tools; they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
