using System.CommandLine;
using System.CommandLine.Parsing;

namespace GwSocket.Server.CommandLine;

/// <summary>Turns System.CommandLine's first parse error into gwsocket's "--option: why" form.</summary>
internal static class ParseErrors
{
    public static string? FirstMessage(ParseResult result)
    {
        if (result.UnmatchedTokens.Count > 0)
            return Unmatched(result.UnmatchedTokens[0]);
        if (result.Errors.Count == 0)
            return null;
        var error = result.Errors[0];
        var reason = error.Message.TrimEnd('.');
        return OptionOf(error.SymbolResult) switch
        {
            null => reason,
            { } option when error.SymbolResult is OptionResult { Tokens.Count: 0 } => $"{option.Name}: missing value",
            { } option => $"{option.Name}: {reason}",
        };
    }

    private static string Unmatched(string token)
    {
        if (!token.StartsWith('-'))
            return $"'{token}': unexpected argument";
        var equals = token.IndexOf('=');
        return $"{(equals < 0 ? token : token[..equals])}: unknown option";
    }

    private static Option? OptionOf(SymbolResult? symbol) => symbol switch
    {
        OptionResult option => option.Option,
        ArgumentResult { Parent: OptionResult option } => option.Option,
        _ => null,
    };
}
