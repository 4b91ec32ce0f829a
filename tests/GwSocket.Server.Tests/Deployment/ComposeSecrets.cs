namespace GwSocket.Server.Tests.Deployment;

/// <summary>
/// Docker mounts a service's secret NAME at /run/secrets/NAME. Here, where nothing is mounted, a file of the test's own
/// with a token in it stands for each such path, so that the real command lines can read it.
/// </summary>
internal static class ComposeSecrets
{
    public const string MountDirectory = "/run/secrets/";

    private static readonly string StandInDirectory = Directory.CreateTempSubdirectory("compose-secrets-").FullName;

    /// <summary>The stand-in file for a secret's mount path; any other value as it is.</summary>
    public static string StandIn(string value)
    {
        if (!value.StartsWith(MountDirectory, StringComparison.Ordinal))
            return value;
        var file = Path.Combine(StandInDirectory, value[MountDirectory.Length..]);
        if (!File.Exists(file))
            File.WriteAllText(file, "stand-in-secret\n");
        return file;
    }
}
