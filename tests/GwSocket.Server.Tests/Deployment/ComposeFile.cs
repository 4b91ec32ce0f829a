using YamlDotNet.Serialization;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>docker-compose.yml as Docker Compose reads it, parsed by YamlDotNet: the parts the tests check.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services, IReadOnlySet<string> volumes, IReadOnlyDictionary<string, string?> secretFiles)
    {
        Services = services;
        Volumes = volumes;
        SecretFiles = secretFiles;
    }

    /// <summary>The secrets declared at the top level, each with its <c>file:</c> (null when it has none).</summary>
    public IReadOnlyDictionary<string, string?> SecretFiles { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The named volumes declared at the top level.</summary>
    public IReadOnlySet<string> Volumes { get; }

    /// <summary>The services built from this repository's Dockerfile that run its entrypoint, the server: the gwsocket nodes.</summary>
    public IEnumerable<ComposeService> GwSocketServices => Services.Values.Where(service => service.Build is not null && service.Entrypoint is null);

    public static ComposeFile Repository { get; } = Load(RepositoryRoot.File("docker-compose.yml"));

    public static ComposeFile Load(string path)
    {
        var root = Map(new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path)), "the file");
        var services = Map(root["services"], "services")
            .ToDictionary(entry => entry.Key, entry => ComposeService.From(entry.Key, Map(entry.Value, entry.Key)));
        var volumes = root.TryGetValue("volumes", out var declared) && declared is not null
            ? Map(declared, "volumes").Keys.ToHashSet()
            : [];
        var secrets = root.TryGetValue("secrets", out var declaredSecrets) && declaredSecrets is not null
            ? Map(declaredSecrets, "secrets").ToDictionary(entry => entry.Key, entry => Map(entry.Value, entry.Key).GetValueOrDefault("file") as string)
            : [];
        return new ComposeFile(services, volumes, secrets);
    }

    public ComposeService this[string name] =>
        Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"docker-compose.yml has no service '{name}'");

    internal static Dictionary<string, object?> Map(object? node, string what) =>
        node is Dictionary<object, object?> map
            ? map.ToDictionary(entry => (string)entry.Key, entry => entry.Value)
            : throw new FormatException($"{what} is not a mapping");

    internal static List<string> Strings(object? node, string what) =>
        node is List<object?> list
            ? list.Select(item => item as string ?? throw new FormatException($"{what} holds a non-string")).ToList()
            : throw new FormatException($"{what} is not a list");
}

/// <summary>One service of docker-compose.yml.</summary>
internal sealed record ComposeService(
    string Name,
    object? Build,
    string? Image,
    string? Hostname,
    string? ContainerName,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Volumes,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Secrets,
    int Replicas)
{
    public static ComposeService From(string name, Dictionary<string, object?> service) => new(
        name,
        service.GetValueOrDefault("build"),
        service.GetValueOrDefault("image") as string,
        service.GetValueOrDefault("hostname") as string,
        service.GetValueOrDefault("container_name") as string,
        service.GetValueOrDefault("command") switch
        {
            null => null,
            string shellForm => throw new FormatException($"{name}: command is a string ('{shellForm}'); use the list form, run without a shell"),
            var list => ComposeFile.Strings(list, $"{name}.command"),
        },
        service.GetValueOrDefault("entrypoint") is { } entrypoint ? ComposeFile.Strings(entrypoint, $"{name}.entrypoint") : null,
        EnvironmentOf(name, service.GetValueOrDefault("environment")),
        Optional(service, "volumes", name),
        Optional(service, "ports", name),
        service.GetValueOrDefault("depends_on") switch
        {
            null => [],
            List<object?> list => ComposeFile.Strings(list, $"{name}.depends_on"),
            var map => ComposeFile.Map(map, $"{name}.depends_on").Keys.ToList(),
        },
        Optional(service, "secrets", name),
        ReplicasOf(name, service));

    /// <summary>The host name other containers reach it by: its hostname, else the service name.</summary>
    public string NetworkName => Hostname ?? Name;

    private static List<string> Optional(Dictionary<string, object?> service, string key, string name) =>
        service.GetValueOrDefault(key) is { } node ? ComposeFile.Strings(node, $"{name}.{key}") : [];

    /// <summary>The environment as the container sees it: the mapping form or the KEY=VALUE list form.</summary>
    private static Dictionary<string, string> EnvironmentOf(string name, object? node) => node switch
    {
        null => [],
        List<object?> list => ComposeFile.Strings(list, $"{name}.environment")
            .Select(item => item.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]),
        var map => ComposeFile.Map(map, $"{name}.environment")
            .Where(entry => entry.Value is not null)
            .ToDictionary(entry => entry.Key, entry => (string)entry.Value!),
    };

    private static int ReplicasOf(string name, Dictionary<string, object?> service)
    {
        if (service.GetValueOrDefault("deploy") is not { } deploy
            || ComposeFile.Map(deploy, $"{name}.deploy").GetValueOrDefault("replicas") is not string replicas)
        {
            return 1;
        }
        return int.Parse(replicas, System.Globalization.CultureInfo.InvariantCulture);
    }
}
