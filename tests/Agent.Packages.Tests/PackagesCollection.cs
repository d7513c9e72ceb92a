namespace GuestAgent.Packages.Tests;

/// <summary>Every package test shares one packed feed and one private NuGet cache.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packed feed";
}
