namespace GwSocket.Server.Tests.Deployment;

/// <summary>The checkout the tests were built from: the directory above the test assembly holding GwSocket.Actors.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "GwSocket.Actors.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} holds GwSocket.Actors.sln");
    }
}
