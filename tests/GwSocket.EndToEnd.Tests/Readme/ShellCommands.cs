using System.Text;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>
/// The simple commands of a shell script as words, enough for README examples: backslash continuations joined,
/// here-documents and comments left out, quotes kept together, split at | &amp;&amp; || ; &amp; ( ); a $( ) is a word
/// of its command and a command of its own.
/// Leading VAR=value assignments and redirections are dropped; words with an expansion keep their text.
/// </summary>
public static class ShellCommands
{
    public static IReadOnlyList<IReadOnlyList<string>> Of(string script)
    {
        var commands = new List<IReadOnlyList<string>>();
        foreach (var line in LogicalLines(script))
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            void EndWord()
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            void EndCommand()
            {
                EndWord();
                var command = WithoutRedirections(words.SkipWhile(w => w.Contains('=') && !w.StartsWith('-') && !w.Contains('/')));
                if (command.Count > 0)
                    commands.Add(command);
                words.Clear();
            }

            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c is '\'' or '"')
                {
                    var close = line.IndexOf(c, i + 1);
                    if (close < 0)
                        throw new FormatException($"unclosed quote in: {line}");
                    word.Append(line, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                }
                else if (c == '#' && !inWord)
                {
                    break;
                }
                else if (c == '$' && i + 1 < line.Length && line[i + 1] == '(')
                {
                    // A command substitution is a word of the outer command and a command of its own;
                    // an arithmetic expansion, $((...)), is only a word.
                    var close = MatchingParenthesis(line, i + 1);
                    var inner = line[(i + 2)..close];
                    if (!inner.StartsWith('('))
                        commands.AddRange(Of(inner));
                    word.Append('$');
                    inWord = true;
                    i = close;
                }
                else if (c is '|' or '&' or ';' or '(' or ')')
                {
                    // A redirection such as 2>&1 or >&2 keeps its &.
                    if (c == '&' && i > 0 && line[i - 1] == '>')
                    {
                        word.Append(c);
                        continue;
                    }
                    EndCommand();
                }
                else if (char.IsWhiteSpace(c))
                {
                    EndWord();
                }
                else
                {
                    word.Append(c);
                    inWord = true;
                }
            }
            EndCommand();
        }
        return commands;
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>.</summary>
    private static int MatchingParenthesis(string line, int open)
    {
        var depth = 0;
        for (var i = open; i < line.Length; i++)
        {
            if (line[i] == '(')
                depth++;
            else if (line[i] == ')' && --depth == 0)
                return i;
        }
        throw new FormatException($"unclosed $( in: {line}");
    }

    /// <summary>The words less redirections: &gt;file, 2&gt;/dev/null, and a lone &gt; or &lt; with the file after it.</summary>
    private static List<string> WithoutRedirections(IEnumerable<string> words)
    {
        var kept = new List<string>();
        var skipNext = false;
        foreach (var word in words)
        {
            var operatorLength = word.TakeWhile(ch => char.IsDigit(ch) || ch is '>' or '<' or '&').Count();
            if (skipNext)
                skipNext = false;
            else if (operatorLength > 0 && word.AsSpan(0, operatorLength).IndexOfAny('>', '<') >= 0)
                skipNext = operatorLength == word.Length && word[^1] is '>' or '<';
            else
                kept.Add(word);
        }
        return kept;
    }

    private static IEnumerable<string> LogicalLines(string script)
    {
        var pending = new StringBuilder();
        string? hereDocEnd = null;
        foreach (var raw in script.Split('\n'))
        {
            if (hereDocEnd is not null)
            {
                if (raw.Trim() == hereDocEnd)
                    hereDocEnd = null;
                continue;
            }
            if (raw.EndsWith('\\'))
            {
                pending.Append(raw, 0, raw.Length - 1).Append(' ');
                continue;
            }
            var line = pending.Append(raw).ToString();
            pending.Clear();
            var hereDoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (hereDoc >= 0)
            {
                var rest = line[(hereDoc + 2)..].TrimStart('-').TrimStart();
                var end = new string(rest.TakeWhile(ch => !char.IsWhiteSpace(ch)).ToArray()).Trim('\'', '"');
                hereDocEnd = end;
                line = line[..hereDoc];
            }
            yield return line;
        }
    }
}
