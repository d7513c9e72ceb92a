# Mutants of session 34's binder10 change in the runtime: JsonTextCheck.HasObjectOrArrayForJsonValue looking into a
# polymorphic type's derived collection (its "$values", after an "$id" under ReferenceHandler.Preserve) and derived
# dictionary (its entries beside "$type", "$" names passed over: the context reads them as metadata or refuses them),
# whose JsonValue items the context reads (before: only a derived object's members, so {} there was an internal error).
# The rest of the method is runtime_s33_binder9.py and runtime_s33_reviewgen.py; the generator's side is
# HeldJsonExecutionTests' "shaped" cases.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s34_binder10.py
# Mutant 1 is the code before session 34.
# Session 34: all 5 killed (the no-mutant run: 24 tests pass); 1, the old code, by 4 tests (both derived theories' found cases).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-method", "*.JsonTextCheckTests.A_derived_collections_or_dictionarys_values_are_looked_at",
             "-method", "*.JsonTextCheckTests.A_preserved_derived_collections_values_are_looked_at",
             "-method", "*.JsonTextCheckTests.A_preserved_collections_values_are_looked_at",
             "-method", "*.JsonTextCheckTests.An_object_or_array_is_found_where_the_context_reads_a_JsonValue"]
SWITCH_NS = "GuestAgent.MutantSwitches.Binder10"
SWITCH_DIR = "src/Agent"
TIMEOUT = 600
J = "src/Agent/Commands/JsonTextCheck.cs"
MUTANTS = [
    (J, r'''derivedInfo.Kind switch
                        {
                            JsonTypeInfoKind.Object => InMembers(element, derivedInfo),
                            JsonTypeInfoKind.Dictionary => InValues(element, derivedInfo, metadata: true),
                            _ => ForJsonValue(element, derivedInfo),
                        }''', r'''InMembers(element, derivedInfo)''', "expr",
     "a derived collection or dictionary looked at for members only (before session 34): an internal error"),
    (J, r'''ForJsonValue(element, derivedInfo)''', r'''false''', "expr",
     "a derived collection's $values not looked into"),
    (J, r'''InValues(element, derivedInfo, metadata: true)''', r'''InMembers(element, derivedInfo)''', "expr",
     "a derived dictionary's entries not looked into"),
    (J, r'''metadata && property.Name.StartsWith('$')''', r'''false''', "expr",
     "a derived list's $values taken for an entry of a derived dictionary (a good value answered as found)"),
    (J, r'''metadata && property.Name.StartsWith('$')''', r'''property.Name.StartsWith('$')''', "expr",
     "a plain dictionary's \"$\" entries passed over though the context reads them"),
]
