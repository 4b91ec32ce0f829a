using System.Diagnostics;
using System.Text;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Collects the lines a child process writes to one of its output streams.</summary>
public sealed class OutputCapture
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>The lines that are not blank.</summary>
    public IReadOnlyList<string> Lines =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.Append(e.Data).Append('\n');
        }
    }
}
