namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Files a test leaves for a person to look at (screenshots): in $GWSOCKET_TEST_ARTEFACTS (tests/run sets it
/// inside its results directory), else in TestResults/artefacts beside the test assembly.
/// </summary>
public static class TestArtefacts
{
    public static string Save(string fileName, byte[] content)
    {
        var directory = Environment.GetEnvironmentVariable("GWSOCKET_TEST_ARTEFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "artefacts");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }
}
