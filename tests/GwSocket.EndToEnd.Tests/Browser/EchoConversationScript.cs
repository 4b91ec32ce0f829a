using System.Text.Json;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>
/// The JavaScript the browser runs: it opens a WebSocket to the echo server, sends a text
/// message, a binary one and a large one, checks each echo, closes cleanly, and resolves
/// to a <see cref="EchoConversationReport"/>. It never throws: a failed step is a failed check.
/// </summary>
public static class EchoConversationScript
{
    /// <summary>The checks a complete conversation reports, in order.</summary>
    public static readonly IReadOnlyList<string> CheckNames =
        ["open", "text echo", "binary echo", "large text is 70000 UTF-8 bytes", "large text echo", "clean close"];

    /// <summary>An expression that runs the conversation against this WebSocket URL.</summary>
    public static string For(Uri webSocketUrl) => $"({Source})({JsonSerializer.Serialize(webSocketUrl.ToString())})";

    private const string Source = """
        async (url) => {
          const stepTimeoutMs = 20000;
          const checks = [];
          const check = (name, ok, detail) => checks.push({ name, ok: !!ok, detail: String(detail) });
          const describe = (value) =>
            typeof value === 'string' ? `text of ${value.length} UTF-16 units starting "${value.slice(0, 24)}"`
            : value instanceof ArrayBuffer ? `binary of ${value.byteLength} bytes`
            : `a ${Object.prototype.toString.call(value)}`;
          const sameBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
          const withTimeout = (promise, what) => Promise.race([promise, new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`no ${what} within ${stepTimeoutMs} ms`)), stepTimeoutMs))]);
          // Exactly `bytes` bytes of UTF-8, mixing 1-, 2-, 3- and 4-byte characters.
          const textOfUtf8Length = (bytes) => {
            const pattern = 'héllo ✓ 𝄞 ';
            const patternBytes = new TextEncoder().encode(pattern).length;
            return pattern.repeat(Math.floor(bytes / patternBytes)) + 'x'.repeat(bytes % patternBytes);
          };

          const socket = new WebSocket(url);
          socket.binaryType = 'arraybuffer';
          const inbox = [];
          const waiters = [];
          let closeEvent = null;
          const deliver = () => {
            while (waiters.length > 0 && (inbox.length > 0 || closeEvent)) {
              const waiter = waiters.shift();
              if (inbox.length > 0) waiter.resolve(inbox.shift());
              else waiter.reject(new Error(`closed before the echo: code ${closeEvent.code}, reason "${closeEvent.reason}"`));
            }
          };
          const nextMessage = (what) => withTimeout(new Promise((resolve, reject) => {
            waiters.push({ resolve, reject });
            deliver();
          }), what);
          socket.onmessage = (e) => { inbox.push(e.data); deliver(); };
          const closed = new Promise((resolve) => { socket.onclose = (e) => { closeEvent = e; deliver(); resolve(e); }; });

          try {
            await withTimeout(new Promise((resolve, reject) => {
              socket.onopen = resolve;
              socket.onerror = () => reject(new Error('the WebSocket failed to open'));
            }), 'open event');
            check('open', true, `protocol "${socket.protocol}", extensions "${socket.extensions}"`);

            const text = 'héllo ✓ 𝄞';
            socket.send(text);
            const textEcho = await nextMessage('echo of the text message');
            check('text echo', textEcho === text, describe(textEcho));

            const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
            socket.send(bytes.buffer);
            const binaryEcho = await nextMessage('echo of the binary message');
            check('binary echo', binaryEcho instanceof ArrayBuffer && sameBytes(new Uint8Array(binaryEcho), bytes),
              describe(binaryEcho));

            // 70000 bytes needs the 64-bit payload length form of RFC 6455 (beyond 65535).
            const large = textOfUtf8Length(70000);
            const largeBytes = new TextEncoder().encode(large).length;
            check('large text is 70000 UTF-8 bytes', largeBytes === 70000, `${largeBytes} bytes`);
            socket.send(large);
            const largeEcho = await nextMessage('echo of the large text message');
            check('large text echo', largeEcho === large, describe(largeEcho));

            socket.close(1000, 'done');
            const e = await withTimeout(closed, 'close event');
            check('clean close', e.wasClean && e.code === 1000, `code ${e.code}, wasClean ${e.wasClean}, reason "${e.reason}"`);
          } catch (error) {
            check('conversation', false, error instanceof Error ? error.message : String(error));
            socket.close();
          }

          return { userAgent: navigator.userAgent, url, checks };
        }
        """;
}
