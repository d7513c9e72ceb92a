using System.Collections;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Reflection;

namespace GuestAgent.Testing;

/// <summary>
/// The static state an assembly holds that could change after start: a static field that is not
/// <c>readonly</c>, or one whose collection (declared, or the object an interface-typed field holds)
/// has methods that change it (an array with elements, <c>List</c>, <c>Dictionary</c>, <c>HashSet</c>…).
/// The project's rules allow none but the generated registries'.
/// </summary>
internal static class StaticState
{
    private static readonly Type[] MutableGenerics =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(SortedSet<>), typeof(SortedDictionary<,>),
        typeof(SortedList<,>), typeof(Queue<>), typeof(Stack<>), typeof(LinkedList<>), typeof(Collection<>),
        typeof(ConcurrentDictionary<,>), typeof(ConcurrentBag<>), typeof(ConcurrentQueue<>), typeof(ConcurrentStack<>),
    ];

    /// <summary>Each mutable static field of <paramref name="assembly"/>, as <c>Type.Field: why</c>, but those of the types <paramref name="exempt"/> names.</summary>
    public static IReadOnlyList<string> Find(Assembly assembly, Func<Type, bool>? exempt = null)
    {
        var found = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            // Compiler-made types (closures' caches, fixed data) and open generics hold no state of the code's own.
            if (type.Name.Contains('<', StringComparison.Ordinal) || type.FullName?.Contains('<', StringComparison.Ordinal) == true
                || type.ContainsGenericParameters || exempt?.Invoke(type) == true)
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral)
                {
                    continue;
                }

                var why = !field.IsInitOnly ? "not readonly"
                    : IsMutable(field.FieldType) ? field.FieldType.Name
                    : (field.FieldType.IsInterface || field.FieldType == typeof(object)) && field.GetValue(null) is { } value && IsMutable(value) ? $"holds a {value.GetType().Name}"
                    : null;
                if (why is not null)
                {
                    found.Add($"{type.FullName}.{field.Name}: {why}");
                }
            }
        }

        return found;
    }

    private static bool IsMutable(Type type) =>
        type.IsArray || type == typeof(ArrayList) || type == typeof(Hashtable)
        || (type.IsGenericType && MutableGenerics.Contains(type.GetGenericTypeDefinition()));

    // An empty array has nothing to change.
    private static bool IsMutable(object value) => value is Array array ? array.Length > 0 : IsMutable(value.GetType());
}
