namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Locates the gwsocket.dll built in the same configuration as this test assembly:
/// tests/GwSocket.EndToEnd.Tests/bin/{Configuration}/{tfm}/ maps to
/// src/GwSocket.Server/bin/{Configuration}/{tfm}/gwsocket.dll.
/// </summary>
public static class ServerBinary
{
    private const string SolutionFile = "GwSocket.Actors.sln";

    public static string DllPath { get; } = Locate();

    /// <summary>The directory that holds GwSocket.Actors.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot(new DirectoryInfo(AppContext.BaseDirectory)).FullName;

    /// <summary>The dotnet host that runs this test process, so the server runs on the same runtime.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string Locate()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent?.Name
            ?? throw new InvalidOperationException($"Unexpected test output directory {output.FullName}");
        var root = FindRepositoryRoot(output);
        var dll = Path.Combine(root.FullName, "src", "GwSocket.Server", "bin", configuration, framework, "gwsocket.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"gwsocket.dll is not built at {dll}; build GwSocket.Actors.sln first.", dll);
    }

    private static DirectoryInfo FindRepositoryRoot(DirectoryInfo start)
    {
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {start.FullName}");
    }
}
