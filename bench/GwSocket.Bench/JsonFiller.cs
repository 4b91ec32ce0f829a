using System.Text;

namespace GwSocket.Bench;

/// <summary>JSON-like text for the compressed points: a dashboard's rows of ids, paths, statuses and timings.</summary>
internal static class JsonFiller
{
    public static readonly byte[] Bytes = Make(256 * 1024);

    private static byte[] Make(int size)
    {
        var random = new Random(16);
        var text = new StringBuilder("[");
        while (text.Length < size)
        {
            text.Append($"{{\"id\":{random.Next(100000)},\"path\":\"/api/v1/items/{random.Next(1000)}\",\"status\":{(random.Next(10) < 8 ? 200 : 404)},");
            text.Append($"\"ms\":{random.NextDouble() * 100:F2},\"host\":\"10.0.{random.Next(256)}.{random.Next(256)}\"}},");
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }
}
