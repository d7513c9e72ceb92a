using System.Text;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Every outcome kind of <see cref="CommandExecutor"/>, over a registry the real generator made,
/// with logging off (the fast path) and on (where every answer goes through the slow path).
/// </summary>
public sealed class CommandExecutorExecutionTests(CommandExecutorExecutionTests.Compiled compiled) : IClassFixture<CommandExecutorExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        namespace Sample;

        public interface INotRegistered { }

        public static class Commands
        {
            [Command("ping")]
            public static string Ping() => "pong";

            [Command("keyinit")]
            public static CommandResult KeyInit() => new("D0", "key");

            [Command("add")]
            public static int Add(int a, int b = 1) => a + b;

            [Command("echo")]
            public static string Echo(string value) => value;

            [Command("refuse")]
            public static string Refuse() => throw new CommandException("Not allowed here", "403");

            [Command("refuse.later")]
            public static async Task<string> RefuseLater()
            {
                await Task.Yield();
                throw new CommandException("Not yet");
            }

            [Command("decline")]
            public static CommandResult Decline() => CommandResult.Error("Not today");

            [Command("crash")]
            public static string Crash() => throw new InvalidOperationException("secret detail");

            [Command("crash.later")]
            public static async Task<string> CrashLater()
            {
                await Task.Yield();
                throw new InvalidOperationException("secret detail");
            }

            [Command("nothing")]
            public static CommandResult Nothing() => default;

            [Command("wait")]
            public static async Task<string> Wait(CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }

            [Command("served")]
            public static int Served(CommandContext context) =>
                ((ICommandRegistry)context.Services.GetService(typeof(ICommandRegistry))!).Commands.Count;
        }

        public sealed class Unserviced(INotRegistered service)
        {
            [Command("unserviced")]
            public string Run() => service.ToString()!;
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    private static AgentRequest Request(string id = "r1") => new(id, ReadOnlyMemory<byte>.Empty, new ExchangeSession());

    private static async Task<CommandOutcome> RunAsync(CommandExecutor executor, string name, string value = "\"\"", AgentRequest? request = null, CancellationToken? stop = null) =>
        await executor.ExecuteAsync(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value), request ?? Request(), stop ?? TestContext.Current.CancellationToken);

    private CommandExecutor Executor(bool logs, ICommandRegistry? registry = null) =>
        new(registry ?? _commands.CreateRegistry(), logger: new RecordingLogger<CommandExecutor>(logs ? LogLevel.Trace : LogLevel.None));

    public static TheoryData<bool> LogLevels => new() { false, true };

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Success_codes_0_and_D0_are_Succeeded(bool logs)
    {
        var executor = Executor(logs);
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Succeeded, CommandResult.Ok("pong")), await RunAsync(executor, "ping"));
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Succeeded, new CommandResult("D0", "key")), await RunAsync(executor, "keyinit"));
        var added = await RunAsync(executor, "add", """{"a":2}""");
        Assert.True(added.IsSuccess);
        Assert.Equal(("0", "3"), (added.ReturnCode, added.Message));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task An_unknown_name_is_NotFound_with_Nova_code_and_text(bool logs)
    {
        var outcome = await RunAsync(Executor(logs), "nope");

        Assert.Equal(CommandOutcomeKind.NotFound, outcome.Kind);
        Assert.Equal(("404", "No such agent command 'nope'"), (outcome.ReturnCode, outcome.Message));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task A_command_configuration_turned_off_is_Disabled_and_answered_as_unknown(bool logs)
    {
        var filtered = new FilteredCommandRegistry(_commands.CreateRegistry(), ["ping"], "set commands.add");
        var logger = new RecordingLogger<CommandExecutor>(logs ? LogLevel.Trace : LogLevel.None);
        var executor = new CommandExecutor(filtered, logger: logger);

        var outcome = await RunAsync(executor, "add", """{"a":1}""");

        Assert.Equal(CommandOutcomeKind.Disabled, outcome.Kind);
        Assert.Equal(("404", "No such agent command 'add'"), (outcome.ReturnCode, outcome.Message));
        Assert.Equal(logs ? ["Request r1: command 'add' is disabled by configuration (set commands.add); answered as an unknown command"] : [], logger.At(LogLevel.Warning));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task A_value_that_does_not_fit_is_InvalidValue_with_Nova_code_and_text(bool logs)
    {
        var executor = Executor(logs);

        var wrongType = await RunAsync(executor, "add", """{"a":"two"}""");
        var missing = await RunAsync(executor, "add", """{"b":2}""");
        var notJson = await RunAsync(executor, "add", "{");
        var notAString = await RunAsync(executor, "echo", "{}");

        Assert.Equal(CommandOutcomeKind.InvalidValue, wrongType.Kind);
        Assert.Equal(("500", "Property 'a' of command 'add' must be an integer from -2147483648 to 2147483647"), (wrongType.ReturnCode, wrongType.Message));
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.InvalidValue, CommandResult.Error(BindingErrors.MissingProperty("add", "a"))), missing);
        Assert.Equal(CommandOutcomeKind.InvalidValue, notJson.Kind);
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.InvalidValue, CommandResult.Error(BindingErrors.ExpectedString("echo"))), notAString);
        Assert.True(BindingErrors.IsBindingError(wrongType.Result));
    }

    [Fact]
    public void A_result_rebuilt_from_the_same_texts_is_not_a_binding_error()
    {
        // The mark is the return code's identity, so a command's own "500" never reads as the caller's mistake.
        Assert.True(BindingErrors.IsBindingError(BindingErrors.Result("x")));
        Assert.True(BindingErrors.IsBindingError(BindingErrors.Result("x") with { Message = "y" }));
        Assert.False(BindingErrors.IsBindingError(CommandResult.Error("x")));
        Assert.False(BindingErrors.IsBindingError(new CommandResult(new string("500".AsSpan()), "x")));
        Assert.Equal(CommandResult.Error("x"), BindingErrors.Result("x"));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task A_command_that_answers_with_its_own_error_is_Refused_with_its_code(bool logs)
    {
        var executor = Executor(logs);

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Refused, new CommandResult("403", "Not allowed here")), await RunAsync(executor, "refuse"));
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Refused, CommandResult.Error("Not yet")), await RunAsync(executor, "refuse.later"));
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Refused, CommandResult.Error("Not today")), await RunAsync(executor, "decline"));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task An_exception_is_Failed_with_a_generic_text_and_only_its_type_logged(bool logs)
    {
        var logger = new RecordingLogger<CommandExecutor>(logs ? LogLevel.Information : LogLevel.None);
        var executor = new CommandExecutor(_commands.CreateRegistry(), logger: logger);

        // "crash" throws before any await: out of TryDispatch itself.
        var now = await RunAsync(executor, "crash");
        var later = await RunAsync(executor, "crash.later");

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Failed, CommandResult.Error("Command 'crash' failed with an internal error")), now);
        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Failed, CommandResult.Error("Command 'crash.later' failed with an internal error")), later);
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("secret", StringComparison.Ordinal) || entry.Exception is not null);
        Assert.Equal(logs ? 2 : 0, logger.At(LogLevel.Error).Count(message => message.EndsWith("failed with System.InvalidOperationException", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task No_result_is_Failed_and_names_the_command(bool logs)
    {
        var outcome = await RunAsync(Executor(logs), "nothing");

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Failed, CommandResult.Error("Command 'nothing' returned no result")), outcome);
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Cancellation_by_the_caller_is_Cancelled_and_binds_the_answer_to_the_session(bool logs)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = Request("w1");
        var running = RunAsync(Executor(logs), "wait", request: request, stop: stop.Token);
        await stop.CancelAsync();

        var outcome = await running;

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Cancelled, CommandResult.Error("Command 'wait' was cancelled")), outcome);
        Assert.True(request.Session.TakeAnswerBinding("w1"));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task A_service_the_application_did_not_register_is_MissingService_logged_with_its_type_names(bool logs)
    {
        var logger = new RecordingLogger<CommandExecutor>(logs ? LogLevel.Information : LogLevel.None);
        var executor = new CommandExecutor(_commands.CreateRegistry(), logger: logger);

        var outcome = await RunAsync(executor, "unserviced");

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.MissingService, CommandResult.Error("Command 'unserviced' failed with an internal error")), outcome);
        Assert.Equal(
            logs ? ["Request r1: command 'unserviced' cannot run: Command class 'Sample.Unserviced' needs the service 'Sample.INotRegistered', which is not registered"] : [],
            logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task Commands_see_the_served_registry_whatever_the_services_hold()
    {
        var filtered = new FilteredCommandRegistry(_commands.CreateRegistry(), ["ping", "served"]);
        var other = _commands.CreateRegistry();
        var services = new SingleService(typeof(ICommandRegistry), other);

        var outcome = await RunAsync(new CommandExecutor(filtered, services), "served");

        Assert.Equal(new CommandOutcome(CommandOutcomeKind.Succeeded, CommandResult.Ok("2")), outcome);
        Assert.Same(filtered, new CommandExecutor(filtered, services).Services.GetService(typeof(ICommandRegistry)));
    }

    [Fact]
    public async Task The_lifecycle_is_logged_without_the_value()
    {
        var logger = new RecordingLogger<CommandExecutor>(LogLevel.Information);
        var executor = new CommandExecutor(_commands.CreateRegistry(), logger: logger);

        await RunAsync(executor, "echo", "\"hunter2\"");
        await RunAsync(executor, "add", """{"a":"hunter2"}""");
        executor.LogRejected(Request("r2"), "Request is malformed");

        Assert.Equal(
            [
                "Request r1: command 'echo' received (9 bytes of value)",
                "Request r1: command 'echo' completed with code '0' (7 characters of message)",
                "Request r1: command 'add' received (15 bytes of value)",
                "Request r1: command 'add' completed with code '500' (79 characters of message)",
                "Request r1: command 'add' answered '500': Property 'a' of command 'add' must be an integer from -2147483648 to 2147483647",
                "Request r2: rejected: Request is malformed",
            ],
            logger.Entries.Select(entry => entry.Message));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Descriptors_say_how_a_successful_message_is_encoded()
    {
        var executor = Executor(logs: false);

        Assert.Equal(CommandResultEncoding.Text, executor.FindCommand("ping"u8)!.ResultEncoding);
        Assert.Equal(CommandResultEncoding.Json, executor.FindCommand("add"u8)!.ResultEncoding);
        Assert.Equal(CommandResultEncoding.Unknown, executor.FindCommand("keyinit"u8)!.ResultEncoding);
        Assert.Equal(CommandResultEncoding.Text, executor.FindCommand("crash.later"u8)!.ResultEncoding);
        Assert.Null(executor.FindCommand("nope"u8));
    }

    [Fact]
    public void Finding_a_command_by_name_allocates_nothing_whether_it_is_known_or_not()
    {
        var executor = Executor(logs: false);
        var known = "crash.later"u8.ToArray();
        var unknown = "crash.never"u8.ToArray();
        Assert.NotNull(executor.FindCommand(known)); // warm up
        Assert.Null(executor.FindCommand(unknown));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = executor.FindCommand(known);
        var missing = executor.FindCommand(unknown);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("crash.later", found!.Name);
        Assert.Null(missing);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task A_synchronous_success_completes_at_once_and_allocates_nothing()
    {
        var executor = Executor(logs: false);
        var request = Request();
        var name = "ping"u8.ToArray();
        ReadOnlyMemory<byte> value = "\"\""u8.ToArray();
        await executor.ExecuteAsync(name, value, request, TestContext.Current.CancellationToken); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var running = executor.ExecuteAsync(name, value, request, TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal(CommandOutcomeKind.Succeeded, (await running).Kind);
        Assert.Equal(0, allocated);
    }

    private sealed class SingleService(Type type, object service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == type ? service : null;
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
