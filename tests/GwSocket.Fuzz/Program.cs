using System.Globalization;
using GwSocket.Fuzz;
using GwSocket.Fuzz.Targets;

IFuzzTarget[] targets = [new FrameTarget(), new HandshakeTarget(), new StrictRecordTarget()];
const string Usage = "usage: GwSocket.Fuzz [--target=frames|handshake|strict|all] [--iterations=N] [--seed=N]";

var targetName = "all";
long iterations = 1_000_000;
var seed = 1;
foreach (var argument in args)
{
    var (name, value) = argument.IndexOf('=') is var equals and > 0 ? (argument[..equals], argument[(equals + 1)..]) : (argument, "");
    var known = name switch
    {
        "--target" => (targetName = value) is "all" || targets.Any(t => t.Name == value),
        "--iterations" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) && iterations > 0,
        "--seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed),
        _ => false,
    };
    if (!known)
    {
        Console.Error.WriteLine($"GwSocket.Fuzz: {argument}: unknown option or bad value");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

var failed = 0;
foreach (var target in targets.Where(t => targetName == "all" || t.Name == targetName))
    failed += new FuzzRunner(target, iterations, seed, Console.Out).Run();
return failed == 0 ? 0 : 1;
