namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>JavaScript run in a page through DevTools: waits on what the page shows, bounded, never a fixed sleep.</summary>
public static class PageScripts
{
    /// <summary>
    /// A promise that resolves to <paramref name="result"/> once <paramref name="condition"/> (a JS expression)
    /// holds, checked on every animation frame; it rejects with <paramref name="result"/>'s value after the timeout.
    /// </summary>
    public static string WaitFor(string condition, string result, TimeSpan timeout) => $$"""
        new Promise((resolve, reject) => {
          const give = () => { try { return {{result}}; } catch (e) { return String(e); } };
          const until = Date.now() + {{(int)timeout.TotalMilliseconds}};
          const check = () => {
            let ok = false;
            try { ok = {{condition}}; } catch (e) { ok = false; }
            if (ok) resolve(give());
            else if (Date.now() > until) reject(new Error("timed out; the page shows " + JSON.stringify(give())));
            else setTimeout(check, 50);
          };
          check();
        })
        """;
}
