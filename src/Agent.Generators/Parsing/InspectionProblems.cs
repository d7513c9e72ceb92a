using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Where <see cref="CommandInspector"/> puts the problems it finds. The analyzer collects them as
/// diagnostics; the generator only needs to know whether there was one (an invalid command gets no
/// code), so it collects nothing and no location, message or display string is built for it.
/// </summary>
internal sealed class InspectionProblems
{
    private readonly List<Diagnostic>? _diagnostics;

    private InspectionProblems(List<Diagnostic>? diagnostics) => _diagnostics = diagnostics;

    /// <summary>Whether a problem was found.</summary>
    public bool Any { get; private set; }

    /// <summary>For the generator: remembers only that there was a problem.</summary>
    public static InspectionProblems Counting() => new(null);

    /// <summary>For the analyzer: each problem's diagnostic goes into <paramref name="diagnostics"/>.</summary>
    public static InspectionProblems Into(List<Diagnostic> diagnostics) => new(diagnostics);

    /// <summary>
    /// Records a problem. <paramref name="create"/> builds its diagnostic from
    /// <paramref name="state"/>, and runs only when diagnostics are collected: pass a static lambda,
    /// so nothing is allocated either way.
    /// </summary>
    public void Add<TState>(TState state, Func<TState, Diagnostic> create)
    {
        Any = true;
        _diagnostics?.Add(create(state));
    }

    /// <summary>
    /// Records a problem that does not keep the command from being generated (a stated request
    /// schema that is ignored or unusable: the derived one is published instead), so that
    /// suppressing its diagnostic never drops the command. Like <see cref="Add{TState}"/>, the
    /// diagnostic is built only when diagnostics are collected.
    /// </summary>
    public void Report<TState>(TState state, Func<TState, Diagnostic> create) => _diagnostics?.Add(create(state));

    /// <summary>
    /// As <see cref="Report{TState}"/>, for a check that finds any number of problems (the
    /// warnings about a stated request schema): <paramref name="create"/> runs, and the check with
    /// it, only when diagnostics are collected, so the generator never pays for it.
    /// </summary>
    public void ReportEach<TState>(TState state, Func<TState, IEnumerable<Diagnostic>> create) => _diagnostics?.AddRange(create(state));
}
