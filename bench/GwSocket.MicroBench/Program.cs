using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/GwSocket.MicroBench -- --filter '*'   (or a class name: '*FrameDecode*')
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
