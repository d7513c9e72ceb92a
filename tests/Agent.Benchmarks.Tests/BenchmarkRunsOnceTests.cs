using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Benchmarks.Dispatch;
using GuestAgent.Commands;

namespace GuestAgent.Benchmarks.Tests;

/// <summary>
/// Every benchmark class run once as BenchmarkDotNet runs it: for each combination of its parameters,
/// a new instance, <c>[GlobalSetup]</c>, each <c>[Benchmark]</c> method once, <c>[GlobalCleanup]</c>.
/// The set-ups check that the strategies they compare agree; nothing else ran them between timing
/// runs, so from session 37 to 39 every dispatch benchmark's set-up threw and no one knew.
/// A numeric parameter (a size) takes its smallest value only: the code is the same at every size,
/// and the largest take seconds. A text parameter names a case, so each of its values is run.
/// </summary>
public sealed class BenchmarkRunsOnceTests
{
    public static TheoryData<string> BenchmarkClasses() => [.. ClassNames()];

    [Fact]
    public void The_benchmark_project_has_the_classes_it_is_known_for()
    {
        // A class renamed or moved out of reach would otherwise leave the theory below with less to run.
        var names = ClassNames();

        Assert.Contains(typeof(DispatchBenchmarks).FullName, names);
        Assert.Contains(typeof(PingFloorBenchmarks).FullName, names);
        Assert.Contains(typeof(DispatchOnlyBenchmarks).FullName, names);
        Assert.True(names.Count >= 10, "benchmark classes found: " + string.Join(", ", names));
    }

    [Fact]
    public void No_benchmark_asks_for_what_this_runner_does_not_do()
    {
        // The runner below sets [Params] and calls every set-up and clean-up before and after every benchmark. Values given
        // another way would be left unset (or the method called without its arguments), and a set-up meant for one benchmark
        // would run before all: a benchmark using these needs the runner taught them first.
        Type[] unsupported = [typeof(ArgumentsAttribute), typeof(ArgumentsSourceAttribute), typeof(ParamsSourceAttribute), typeof(ParamsAllValuesAttribute)];
        var uses =
            from name in ClassNames()
            let type = typeof(BenchmarkCommands).Assembly.GetType(name)!
            from member in type.GetMembers()
            from attribute in member.GetCustomAttributes(inherit: true)
            where unsupported.Contains(attribute.GetType()) || attribute is TargetedAttribute { Targets.Length: > 0 }
            select $"{type.Name}.{member.Name}: {attribute.GetType().Name}";

        Assert.Empty(uses);
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void Each_benchmark_runs_once_for_each_case(string className)
    {
        var type = typeof(BenchmarkCommands).Assembly.GetType(className)!;
        foreach (var parameters in Cases(type))
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var (member, value) in parameters)
            {
                Set(instance, member, value);
            }

            var setUp = false;
            try
            {
                Invoke(instance, type, typeof(GlobalSetupAttribute));
                setUp = true;
                foreach (var benchmark in type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute))))
                {
                    Invoke(instance, type, typeof(IterationSetupAttribute));
                    Run(instance, benchmark);
                    Invoke(instance, type, typeof(IterationCleanupAttribute));
                }
            }
            catch (TargetInvocationException exception)
            {
                var at = string.Join(", ", parameters.Select(p => $"{p.Member.Name}={p.Value}"));
                Assert.Fail($"{type.Name} ({at}) failed {(setUp ? "in a benchmark" : "in its set-up")}: {exception.InnerException}");
            }
            finally
            {
                if (setUp)
                {
                    Invoke(instance, type, typeof(GlobalCleanupAttribute));
                }

                (instance as IDisposable)?.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("ping", """{"returncode":"0","message":"pong"}""")]
    [InlineData("scale", """{"returncode":"0","message":"-42"}""")]
    public void The_dispatch_benchmarks_answer_their_commands(string command, string answer)
    {
        var benchmarks = new DispatchBenchmarks { Command = command };
        benchmarks.Setup();

        // The set-up already checks that the three strategies agree; this checks what they agree on.
        Assert.Equal(answer, Encoding.ASCII.GetString(benchmarks.Generated()));
        Assert.Equal(answer, Encoding.ASCII.GetString(benchmarks.Reflection()));
        Assert.Equal(answer, Encoding.ASCII.GetString(benchmarks.Delegates()));
    }

    [Fact]
    public void The_dispatch_only_benchmark_answers_pong_on_every_path()
    {
        var benchmarks = new DispatchOnlyBenchmarks();
        benchmarks.Setup();

        // Without the response writer these return the command's result; another registry's would be a 404.
        Assert.Equal(CommandResult.Ok("pong"), benchmarks.Generated());
        Assert.Equal(CommandResult.Ok("pong"), benchmarks.Executor());
        Assert.Equal(CommandResult.Ok("pong"), benchmarks.Reflection());
    }

    [Fact]
    public void The_ping_floor_benchmark_answers_pong_on_every_path()
    {
        var benchmarks = new PingFloorBenchmarks();
        benchmarks.Setup();

        Assert.Equal("""{"returncode":"0","message":"pong"}""", Encoding.ASCII.GetString(benchmarks.Generated()));
        Assert.Equal("""{"returncode":"0","message":"pong"}""", Encoding.ASCII.GetString(benchmarks.Floor()));
    }

    private static List<string> ClassNames() =>
        [.. typeof(BenchmarkCommands).Assembly.GetTypes()
            .Where(type => type.IsPublic && !type.IsAbstract && type.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute))))
            .Select(type => type.FullName!)
            .Order(StringComparer.Ordinal)];

    /// <summary>Each combination of the class's <c>[Params]</c> values, as member and value pairs.</summary>
    private static IEnumerable<List<(MemberInfo Member, object? Value)>> Cases(Type type)
    {
        IEnumerable<List<(MemberInfo Member, object? Value)>> cases = [[]];
        foreach (var member in type.GetMembers().Where(m => m.IsDefined(typeof(ParamsAttribute))))
        {
            var values = member.GetCustomAttribute<ParamsAttribute>()!.Values;
            if (values.All(value => value is int or long))
            {
                values = [values.MinBy(Convert.ToInt64)];
            }

            cases = [.. cases.SelectMany(partial => values.Select(value => new List<(MemberInfo, object?)>(partial) { (member, value) }))];
        }

        return cases;
    }

    private static void Set(object instance, MemberInfo member, object? value)
    {
        switch (member)
        {
            case PropertyInfo property:
                property.SetValue(instance, value);
                break;
            case FieldInfo field:
                field.SetValue(instance, value);
                break;
        }
    }

    private static void Invoke(object instance, Type type, Type attribute)
    {
        foreach (var method in type.GetMethods().Where(m => m.IsDefined(attribute)))
        {
            Run(instance, method);
        }
    }

    /// <summary>Calls <paramref name="method"/>, waiting for it when it returns a task as BenchmarkDotNet does.</summary>
    private static void Run(object instance, MethodInfo method)
    {
        switch (method.Invoke(instance, null))
        {
            case Task task:
                task.GetAwaiter().GetResult();
                break;
            case ValueTask valueTask:
                valueTask.AsTask().GetAwaiter().GetResult();
                break;
        }
    }
}
