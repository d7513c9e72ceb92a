namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// The diagnostic ids, as constants: the one place they are spelled. The code-fix assembly
/// compiles this file in as a link (it must not reference the generator, nor the generator
/// Workspaces), so keep it free of anything but constants.
/// </summary>
internal static class DiagnosticIds
{
    public const string DuplicateName = "GA0001";
    public const string InvalidName = "GA0002";
    public const string NotAccessible = "GA0003";
    public const string Generic = "GA0004";
    public const string ByRefParameter = "GA0005";
    public const string AsyncVoid = "GA0006";
    public const string UnsupportedParameterType = "GA0007";
    public const string UnsupportedReturnType = "GA0008";
    public const string NotInJsonContext = "GA0009";
    public const string NotConstructible = "GA0010";
    public const string DuplicateAcrossAssemblies = "GA0011";
    public const string InvalidJsonContext = "GA0012";
    public const string LanguageVersion = "GA0013";
    public const string RegistryNameClash = "GA0014";
    public const string InvalidRequestSchema = "GA0015";
    public const string RequestSchemaIgnored = "GA0016";
    public const string UnknownSchemaKeyword = "GA0017";
    public const string SchemaExcludesString = "GA0018";
    public const string InvalidSchemaKeywordValue = "GA0019";
    public const string UnreadableParameterType = "GA0020";
    public const string UnwritableResultType = "GA0021";
    public const string ReservedGeneratedName = "GA0022";
    public const string TrimRequirement = "GA0023";
    public const string ExtensionDataNeverFilled = "GA0024";
    public const string ServiceKeyNeverPassed = "GA0025";
    public const string SetOnlyCollectionNeverSet = "GA0026";
    public const string InheritedAggregateLeavesOut = "GA0027";
    public const string ConvertedDerivedType = "GA0028";
    public const string FastPathFieldClash = "GA0029";
    public const string RepeatedRequestParameter = "GA0030";
    public const string CommandInOtherGeneratorOutput = "GA0031";
    public const string EnumWithoutMembers = "GA0032";
}
