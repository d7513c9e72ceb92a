using System.Text.Json;

namespace GuestAgent.Daemon.Hosting;

/// <summary>Finds the command name of a raw request without running it (for start-up readiness, and to name a request a second stop signal abandons).</summary>
internal static class RequestNames
{
    /// <summary>The top-level <c>"name"</c> string of a request object, or <c>null</c> when there is none.</summary>
    public static string? Read(ReadOnlySpan<byte> request)
    {
        try
        {
            var reader = new Utf8JsonReader(request);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isName)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed, or a name whose escapes encode no text (a lone surrogate): not resetnetwork.
        }

        return null;
    }
}
