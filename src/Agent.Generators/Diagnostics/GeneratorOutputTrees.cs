using System;
using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Emitting;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// Which of a compilation's files other source generators wrote (GA0031). Roslyn runs generators
/// side by side on the user's files: one never sees another's output (but for its post-initialization
/// files), so the command generator never serves a <c>[Command]</c> written by another generator,
/// while an analyzer, run on the compilation after every generator, sees it. No API says a tree
/// came from a generator (dotnet/roslyn#49326); its path does: the driver names each generated file
/// <c>&lt;base&gt;/&lt;generator assembly&gt;/&lt;generator type's full name&gt;/&lt;hint name&gt;</c>,
/// where the compiler's base is the intermediate directory (<c>obj/Release/net10.0</c>, or its
/// <c>generated</c> directory under <c>EmitCompilerGeneratedFiles</c>), and a driver's without one is empty.
/// </summary>
internal sealed class GeneratorOutputTrees
{
    /// <summary>This generator's directory names, as the driver writes them (the assembly's simple name, the type's full name).</summary>
    private static readonly string OwnAssembly = typeof(CommandGenerator).Assembly.GetName().Name ?? GeneratedNames.Tool;
    private static readonly string OwnType = typeof(CommandGenerator).FullName ?? string.Empty;

    private readonly HashSet<string> _ownHintNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The base directory of generated files, as segments, when this generator wrote one here; null when it wrote none.</summary>
    private readonly string[]? _baseSegments;

    /// <summary>The trees that may be a generator's: the compilation's last ones, from the last file that cannot be.</summary>
    private readonly HashSet<SyntaxTree> _trailing = [];

    public GeneratorOutputTrees(Compilation compilation)
    {
        var trees = compilation.SyntaxTrees.ToList();
        foreach (var tree in trees)
        {
            var segments = tree.FilePath.Split('/', '\\');
            for (var i = 0; i + 2 < segments.Length; i++)
            {
                if (string.Equals(segments[i], OwnAssembly, StringComparison.Ordinal) && string.Equals(segments[i + 1], OwnType, StringComparison.Ordinal))
                {
                    _baseSegments ??= segments.Take(i).ToArray();
                    _ownHintNames.Add(string.Join("/", segments.Skip(i + 2)));
                    break;
                }
            }
        }

        // The compiler and the IDE add the generators' files after all of the project's (csc passes its own
        // obj files, AssemblyInfo and the like, last among those), so a file of the project's own on a generated
        // file's path (a copy EmitCompilerGeneratedFiles wrote, kept and compiled) is followed by one on no such path.
        for (var i = trees.Count - 1; i >= 0 && (WriterDirectories(trees[i]) is not null || IsOwn(trees[i])); i--)
        {
            _ = _trailing.Add(trees[i]);
        }
    }

    /// <summary>Whether this generator wrote the file a command of this name gets: then it is served, whoever wrote its method.</summary>
    public bool Serves(string registryName, string commandName) => _ownHintNames.Contains(CommandEmitter.HintName(registryName, commandName));

    /// <summary>Whether the base of generated files is known from this generator's own output, so a path is judged exactly.</summary>
    public bool BaseKnown => _baseSegments is not null;

    /// <summary>
    /// The full name of the other generator that wrote <paramref name="tree"/>, or null for a file of
    /// the project's own (a hand-written <c>*.g.cs</c> included) or of this generator. With this
    /// generator's output in the compilation the path must lie under the same base; without it (its
    /// only commands are another generator's), a path of at least <c>&lt;assembly&gt;/&lt;namespace.Type&gt;/&lt;file&gt;</c>
    /// is taken for one, and the analyzer asks more of the command (<see cref="BaseKnown"/>). Either way
    /// only among the compilation's last files, after the last that lies on no generated file's path.
    /// </summary>
    public string? OtherGenerator(SyntaxTree tree) => _trailing.Contains(tree) ? WriterDirectories(tree) : null;

    /// <summary>Whether this generator wrote <paramref name="tree"/>.</summary>
    private bool IsOwn(SyntaxTree tree) =>
        _baseSegments is { } prefix && tree.FilePath.Split('/', '\\') is { } segments && segments.Length >= prefix.Length + 3 && StartsWith(segments, prefix)
        && string.Equals(segments[prefix.Length], OwnAssembly, StringComparison.Ordinal) && string.Equals(segments[prefix.Length + 1], OwnType, StringComparison.Ordinal);

    /// <summary>The generator type's directory of a path shaped like another generator's file, or null.</summary>
    private string? WriterDirectories(SyntaxTree tree)
    {
        var segments = tree.FilePath.Split('/', '\\');
        if (_baseSegments is { } prefix)
        {
            if (segments.Length < prefix.Length + 3 || !StartsWith(segments, prefix))
            {
                return null;
            }

            return IsOther(segments[prefix.Length], segments[prefix.Length + 1]) ? segments[prefix.Length + 1] : null;
        }

        // Nearest the file first: the generator's directories are the last two before its hint name,
        // unless the hint name has directories of its own.
        for (var i = segments.Length - 3; i >= 0; i--)
        {
            if (IsOther(segments[i], segments[i + 1]) && segments[i + 1].IndexOf('.') > 0)
            {
                return segments[i + 1];
            }
        }

        return null;
    }

    private static bool IsOther(string assembly, string type) =>
        assembly.Length > 0 && type.Length > 0
        && !(string.Equals(assembly, OwnAssembly, StringComparison.Ordinal) && string.Equals(type, OwnType, StringComparison.Ordinal));

    private static bool StartsWith(string[] segments, string[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(segments[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
