using Akka.Configuration;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>hocon/gwsocket.conf read from the repository, so that tests run with the akka section that ships.</summary>
internal static class RepositoryHocon
{
    private static readonly Lazy<Config> Shipped = new(Load);

    /// <summary>
    /// The shipped defaults; Akka reads their <c>akka { ... }</c> block and ignores the <c>gwsocket</c> one.
    /// Types that live in the executable (which this test project does not load) fall back to Akka's own.
    /// </summary>
    public static Config Defaults => Shipped.Value;

    /// <summary>The shipped defaults on a local actor system: what the node configures (mailboxes, serializers) without a cluster.</summary>
    public static Config Local => ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(Shipped.Value);

    private const string WithoutExecutableTypes = """
        akka.stdout-logger-class = "Akka.Event.StandardOutLogger, Akka"
        """;

    private static Config Load()
    {
        var file = FindUpwards(Path.Combine("hocon", "gwsocket.conf"));
        var config = ConfigurationFactory.ParseString(File.ReadAllText(file));
        if (!config.HasPath("akka.actor.serialization-bindings"))
            throw new InvalidOperationException($"{file} has no akka.actor.serialization-bindings");
        return ConfigurationFactory.ParseString(WithoutExecutableTypes).WithFallback(config);
    }

    private static string FindUpwards(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}
