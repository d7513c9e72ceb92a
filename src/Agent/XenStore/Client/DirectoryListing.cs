namespace GuestAgent.XenStore.Client;

/// <summary>
/// A node's children as listed. <paramref name="Consistent"/> is false when a big directory kept
/// changing while it was read in chunks and the caller tolerated that: the names are then those
/// read chunk by chunk across the changes, which may miss children (a removal before the read
/// position shifts later names past it) and leave out the name at each chunk start after a change
/// (it may be a fragment). Every name given was a child when its chunk was read.
/// </summary>
internal readonly record struct DirectoryListing(IReadOnlyList<string> Names, bool Consistent);
