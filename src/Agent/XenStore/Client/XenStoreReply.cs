using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>A reply as received: its type (the request's, or ERROR) and its raw payload.</summary>
internal readonly record struct XenStoreReply(XenStoreMessageType Type, byte[] Payload);
