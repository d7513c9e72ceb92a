using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Names from the host longer than a hostname may be (Nova's <c>RESCUE-&lt;hostname&gt;</c> is up to
/// 70 characters, an FQDN up to 253) are accepted and shortened to a valid hostname of at most 63.
/// </summary>
public sealed class HostnameShorteningTests
{
    [Theory]
    // Fits: kept exactly, FQDN included.
    [InlineData("web-1", "web-1")]
    [InlineData("web-1.example.com", "web-1.example.com")]
    // 63 characters is the most a hostname takes: unchanged.
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123", "a23456789012345678901234567890123456789012345678901234567890123")]
    // 64: cut to 63.
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", "a23456789012345678901234567890123456789012345678901234567890123")]
    // Nova's rescue name of a 63-character hostname: the cut falls after a '-', which is dropped.
    [InlineData("RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups", "RESCUE-production-database-replica-eu-west-1a-instance-0000042")]
    [InlineData("RESCUE-production-database-replica-eu-west-1a-instance-000042-analytic", "RESCUE-production-database-replica-eu-west-1a-instance-000042-a")]
    // An FQDN too long as a whole: the host's own name, its first label.
    [InlineData("db-7.a-rather-long-department-name.and-a-long-region.example.com", "db-7")]
    public void Shortens_only_what_does_not_fit(string name, string expected)
    {
        Assert.Null(HostnameValidator.ValidateName(name));

        var hostname = HostnameValidator.ToSystemHostname(name);

        Assert.Equal(expected, hostname);
        Assert.True(HostnameValidator.IsValid(hostname), hostname);
    }

    [Fact]
    public void An_fqdn_of_253_characters_with_a_long_first_label_keeps_63_characters_of_it()
    {
        var first = new string('h', 70);
        var name = $"{first}.{new string('d', 59)}.{new string('e', 59)}.{new string('f', 54)}.example";
        Assert.Equal(253, name.Length);

        Assert.Equal(new string('h', 63), HostnameValidator.ToSystemHostname(name));
    }

    [Theory]
    [InlineData("RESCUE-web;reboot", "only letters, digits")]
    [InlineData("RESCUE-", "may not begin or end with '-'")]
    [InlineData("web..example.com", "empty label")]
    public void Length_never_excuses_invalid_labels(string name, string reason) =>
        Assert.Contains(reason, HostnameValidator.ValidateName(name), StringComparison.Ordinal);

    [Fact]
    public void A_current_hostname_longer_than_63_is_not_a_valid_system_hostname() =>
        Assert.Equal("the hostname is longer than 63 characters", HostnameValidator.Validate(new string('a', 64)));
}
