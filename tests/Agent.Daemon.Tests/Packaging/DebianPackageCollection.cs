namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>The package tests share one build of the .deb (it takes seconds: the binary is compressed with xz).</summary>
[CollectionDefinition(Name)]
public sealed class DebianPackageCollection : ICollectionFixture<DebianPackageBuild>
{
    public const string Name = "Debian package";
}
