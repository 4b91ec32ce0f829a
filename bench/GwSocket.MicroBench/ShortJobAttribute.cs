using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace GwSocket.MicroBench;

/// <summary>
/// Few, short iterations with allocations reported: enough for nanosecond hot paths on a shared
/// 2-core machine, and a whole run stays within a few minutes.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShortJobAttribute : Attribute, IConfigSource
{
    public ShortJobAttribute()
    {
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200)))
            .AddDiagnoser(MemoryDiagnoser.Default);
    }

    public IConfig Config { get; }
}
