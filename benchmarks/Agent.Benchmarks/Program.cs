using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/Agent.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
