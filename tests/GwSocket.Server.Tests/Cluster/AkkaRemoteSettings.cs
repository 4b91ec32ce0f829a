using System.Reflection;
using Akka.Configuration;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>
/// Akka.Remote's transport settings as Akka itself reads them from HOCON. The class is internal to Akka.Remote,
/// so it is reached by reflection; this fails loudly when Akka moves it rather than testing a copy of its logic.
/// </summary>
internal static class AkkaRemoteSettings
{
    private static readonly Type SettingsType =
        Type.GetType("Akka.Remote.Transport.DotNetty.DotNettyTransportSettings, Akka.Remote", throwOnError: true)!;

    /// <summary>maximum-frame-size as Akka.Remote uses it (an int), from a complete akka.remote.dot-netty.tcp section.</summary>
    public static int MaximumFrameSize(Config dotNettyTcp)
    {
        var create = SettingsType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(method => method.Name == "Create" && method.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(Config));
        var arguments = create.GetParameters().Select((parameter, index) => index == 0 ? dotNettyTcp : parameter.DefaultValue).ToArray();
        object settings;
        try
        {
            settings = create.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        var property = SettingsType.GetProperty("MaxFrameSize") ?? throw new MissingMemberException(SettingsType.FullName, "MaxFrameSize");
        return (int)property.GetValue(settings)!;
    }
}
