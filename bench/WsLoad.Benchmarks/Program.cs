using BenchmarkDotNet.Running;

// `dotnet run -c Release -- --filter '*'` runs everything; bench/benchmarks.sh is the usual entry point.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
