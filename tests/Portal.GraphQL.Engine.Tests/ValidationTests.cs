using Portal.GraphQL.Engine.Language;
using Portal.GraphQL.Engine.Validation;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>
/// Spec section 5 (Validation) against the specification's example schema: for each rule, documents that pass
/// and documents that fail, with the error message and the locations it points at ("message (line:column, ...)").
/// </summary>
public class ValidationTests
{
    private static IReadOnlyList<string> Validate(string query) =>
        [.. Validator.Validate(PetSchema.Schema, Parser.Parse(query)).Select(e => e.ToString())];

    public static TheoryData<string, string> Valid => new()
    {
        { "5.1.1", "query getDogName { dog { name } } query getOwnerName { dog { owner { name } } }" },
        { "5.2.1.1", "query getDogName { dog { name } } query getOwnerName { dog { owner { name } } }" },
        { "5.2.2.1", "{ dog { name } }" },
        { "5.2.3.1", "subscription sub { newMessage { body sender } }" },
        { "5.2.3.1", "subscription sub { ...newMessageFields } fragment newMessageFields on Subscription { newMessage { body sender } }" },
        { "5.3.1", "fragment interfaceFieldSelection on Pet { name } { dog { ...interfaceFieldSelection } }" },
        { "5.3.1", "fragment inDirectFieldSelectionOnUnion on CatOrDog { __typename ... on Pet { name } ... on Dog { barkVolume } } { catOrDog { ...inDirectFieldSelectionOnUnion } }" },
        { "5.3.2", "fragment mergeIdenticalFields on Dog { name name } fragment mergeIdenticalAliasesAndFields on Dog { otherName: name otherName: name } { dog { ...mergeIdenticalFields ...mergeIdenticalAliasesAndFields } }" },
        { "5.3.2", "fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } { dog { ...mergeIdenticalFieldsWithIdenticalArgs } }" },
        { "5.3.2", "query ($dogCommand: DogCommand!) { dog { doesKnowCommand(dogCommand: $dogCommand) doesKnowCommand(dogCommand: $dogCommand) } }" },
        { "5.3.2", "fragment safeDifferingFields on Pet { ... on Dog { volume: barkVolume } ... on Cat { volume: meowVolume } } { pet { ...safeDifferingFields } }" },
        { "5.3.2", "fragment safeDifferingArgs on Pet { ... on Dog { doesKnowCommand(dogCommand: SIT) } ... on Cat { doesKnowCommand(catCommand: JUMP) } } { pet { ...safeDifferingArgs } }" },
        { "5.3.3", "{ dog { barkVolume } }" },
        { "5.4.1", "fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) } fragment argOnOptional on Dog { isHouseTrained(atOtherHomes: true) @include(if: true) } { dog { ...argOnRequiredArg ...argOnOptional } }" },
        { "5.4.2", "{ arguments { multipleRequirements(x: 1, y: 2) } }" },
        { "5.4.2.1", "{ arguments { booleanArgField nonNullBooleanArgField(nonNullBooleanArg: true) optionalNonNullBooleanArgField } }" },
        { "5.5.1.2", "fragment correctType on Dog { name } fragment inlineFragment on Dog { ... on Dog { name } } fragment inlineFragment2 on Dog { ... @include(if: true) { name } } { dog { ...correctType ...inlineFragment ...inlineFragment2 } }" },
        { "5.5.2.3", "fragment dogFragment on Dog { ... on Dog { barkVolume } } fragment petNameFragment on Pet { name } fragment interfaceWithinObjectFragment on Dog { ...petNameFragment } fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } } fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment } { dog { ...dogFragment ...interfaceWithinObjectFragment ...unionWithObjectFragment } }" },
        { "5.5.2.3", "fragment unionWithInterface on Pet { ...dogOrHumanFragment } fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } } { pet { ...unionWithInterface } }" },
        { "5.6.1", "fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) } fragment coercedIntIntoFloatArg on Arguments { floatArgField(floatArg: 123) } query goodComplexDefaultValue($search: FindDogInput = { name: \"Fido\" }) { findDog(searchBy: $search) { name } ...q } fragment q on Query { arguments { ...goodBooleanArg ...coercedIntIntoFloatArg } }" },
        { "5.6.1", "{ booleanList(booleanListArg: true) arguments { booleanListArgField(booleanListArg: [true, null]) } }" },
        { "5.6.2", "{ findDog(searchBy: { name: \"Fido\" }) { name } }" },
        { "5.7.1", "{ dog { name @skip(if: true) } }" },
        { "5.7.3", "query ($foo: Boolean = true, $bar: Boolean = false) { field: dog @skip(if: $foo) { name } field: dog @skip(if: $bar) { nickname } }" },
        { "5.8.1", "query A($atOtherHomes: Boolean) { ...HouseTrainedFragment } query B($atOtherHomes: Boolean) { ...HouseTrainedFragment } fragment HouseTrainedFragment on Query { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }" },
        { "5.8.2", "query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } } query takesComplexInput($search: FindDogInput) { findDog(searchBy: $search) { name } } query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: $booleans) }" },
        { "5.8.3", "query variableIsDefinedUsedInSingleFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }" },
        { "5.8.5", "query nonNullListToList($nonNullBooleanList: [Boolean]!) { arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) } } query booleanArgQueryWithDefault($booleanArg: Boolean) { arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) } } query booleanArgQueryWithDefault2($booleanArg: Boolean = true) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }" },
        { "4 introspection", "{ __schema { queryType { name } types { name fields(includeDeprecated: true) { name } } } __type(name: \"Dog\") { name } dog { __typename } }" },
    };

    [Theory, MemberData(nameof(Valid))]
    public void Valid_documents_have_no_errors(string section, string query) => Assert.True(Validate(query).Count == 0, section + ": " + string.Join("; ", Validate(query)));

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { "5.1.1 Executable Definitions", "query getDogName { dog { name } }\ntype Cook { name: String }\nextend schema { query: Query }",
            ["The \"Cook\" definition is not executable. (2:1)", "The schema definition is not executable. (3:1)"] },
        { "5.2.1.1 Operation Name Uniqueness", "query dogOperation { dog { name } }\nmutation dogOperation { mutateDog { name } }",
            ["There can be only one operation named \"dogOperation\". (1:7, 2:10)"] },
        { "5.2.2.1 Lone Anonymous Operation", "{ dog { name } }\nquery getName { dog { owner { name } } }",
            ["This anonymous operation must be the only defined operation. (1:1)"] },
        { "5.2.3.1 Single Root Field", "subscription sub {\n  newMessage { body sender }\n  disallowedSecondRootField\n}",
            ["Subscription \"sub\" must select only one top level field. (3:3)"] },
        { "5.2.3.1 Single Root Field via fragment", "subscription sub { ...multipleSubscriptions }\nfragment multipleSubscriptions on Subscription { newMessage { body } disallowedSecondRootField }",
            ["Subscription \"sub\" must select only one top level field. (2:70)"] },
        { "5.2.3.1 Introspection root", "subscription { __typename }",
            ["Anonymous Subscription must not select an introspection top level field. (1:16)"] },
        { "5.3.1 Field Selections", "fragment fieldNotDefined on Dog { meowVolume }\n{ dog { ...fieldNotDefined } }",
            ["Cannot query field \"meowVolume\" on type \"Dog\". (1:35)"] },
        { "5.3.1 aliased", "{ dog { kawVolume: meowVolume } }", ["Cannot query field \"meowVolume\" on type \"Dog\". (1:9)"] },
        { "5.3.1 on interface", "{ pet { nickname } }", ["Cannot query field \"nickname\" on type \"Pet\". (1:9)"] },
        { "5.3.1 on union", "{ catOrDog { name } }", ["Cannot query field \"name\" on type \"CatOrDog\". (1:14)"] },
        { "5.3.2 Field Selection Merging: names", "{ dog { name: nickname name } }",
            ["Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 1:24)"] },
        { "5.3.2 arguments", "{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }",
            ["Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:9, 1:42)"] },
        { "5.3.2 variable vs literal", "query ($c: DogCommand!) { dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: $c) } }",
            ["Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:33, 1:66)"] },
        { "5.3.2 response shapes", "{ pet { ... on Dog { someValue: nickname } ... on Cat { someValue: meowVolume } } }",
            ["Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional. (1:22, 1:57)"] },
        { "5.3.2 subfields", "{ dog { owner { name } owner { name: pets { name } } } }",
            ["Fields \"owner\" conflict because subfields \"name\" conflict because \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:9, 1:17, 1:24, 1:32)"] },
        { "5.3.3 Leaf Field Selections", "{ dog { barkVolume { sinceWhen } } }",
            ["Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. (1:20)"] },
        { "5.3.3 missing selection", "query directQueryOnObjectWithoutSubFields { human }\nquery directQueryOnInterfaceWithoutSubFields { pet }\nquery directQueryOnUnionWithoutSubFields { catOrDog }",
            ["Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"? (1:45)",
             "Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean \"pet { ... }\"? (2:48)",
             "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"? (3:44)"] },
        { "5.4.1 Argument Names", "{ dog { doesKnowCommand(command: CLEAN_UP_HOUSE, dogCommand: SIT) } }",
            ["Unknown argument \"command\" on field \"Dog.doesKnowCommand\". (1:25)"] },
        { "5.4.1 on directive", "{ dog { isHouseTrained(atOtherHomes: true) @include(unless: false, if: true) } }",
            ["Unknown argument \"unless\" on directive \"@include\". (1:53)"] },
        { "5.4.2 Argument Uniqueness", "{ arguments { multipleRequirements(x: 1, x: 2, y: 3) } }",
            ["There can be only one argument named \"x\". (1:36, 1:42)"] },
        { "5.4.2.1 Required Arguments", "{ arguments { multipleRequirements(x: 1) nonNullBooleanArgField } }",
            ["Field \"multipleRequirements\" argument \"y\" of type \"Int!\" is required, but it was not provided. (1:15)",
             "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided. (1:42)"] },
        { "5.4.2.1 null for required", "{ arguments { nonNullBooleanArgField(nonNullBooleanArg: null) } }",
            ["Expected value of type \"Boolean!\", found null. (1:57)"] },
        { "5.4.2.1 directive", "{ dog @include { name } }",
            ["Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. (1:7)"] },
        { "5.5.1.1 Fragment Name Uniqueness", "{ dog { ...fragmentOne } }\nfragment fragmentOne on Dog { name }\nfragment fragmentOne on Dog { owner { name } }",
            ["There can be only one fragment named \"fragmentOne\". (2:10, 3:10)"] },
        { "5.5.1.2 Fragment Spread Type Existence", "fragment notOnExistingType on NotInSchema { name }\n{ dog { ...notOnExistingType ... on AlsoNot { name } } }",
            ["Unknown type \"NotInSchema\". (1:31)", "Unknown type \"AlsoNot\". (2:37)"] },
        { "5.5.1.3 Fragments On Composite Types", "fragment fragOnScalar on Int { something }\n{ dog { ...fragOnScalar ... on Boolean { somethingElse } } }",
            ["Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\". (1:26)",
             "Fragment cannot condition on non composite type \"Boolean\". (2:32)"] },
        { "5.5.1.4 Fragments Must Be Used", "fragment nameFragment on Dog { name }\n{ dog { name } }",
            ["Fragment \"nameFragment\" is never used. (1:1)"] },
        { "5.5.2.1 Fragment spread target defined", "{ dog { ...undefinedFragment } }",
            ["Unknown fragment \"undefinedFragment\". (1:12)"] },
        { "5.5.2.2 Fragment spreads must not form cycles", "{ dog { ...nameFragment } }\nfragment nameFragment on Dog { name ...barkVolumeFragment }\nfragment barkVolumeFragment on Dog { barkVolume ...nameFragment }",
            ["Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\". (2:37, 3:49)"] },
        { "5.5.2.2 self", "{ dog { ...f } }\nfragment f on Dog { name ...f }",
            ["Cannot spread fragment \"f\" within itself. (2:26)"] },
        { "5.5.2.3 Fragment spread is possible", "fragment catInDogFragmentInvalid on Dog { ... on Cat { meowVolume } }\nfragment sentientFragment on Sentient { ... on Dog { barkVolume } }\nfragment humanOrAlienFragment on HumanOrAlien { ... on Cat { meowVolume } }\n{ dog { ...catInDogFragmentInvalid } human { ...sentientFragment ...humanOrAlienFragment } }",
            ["Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\". (1:43)",
             "Fragment cannot be spread here as objects of type \"Sentient\" can never be of type \"Dog\". (2:41)",
             "Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Cat\". (3:49)"] },
        { "5.5.2.3 named spread", "fragment sentientFragment on Sentient { name }\n{ pet { ...sentientFragment } }",
            ["Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\". (2:9)"] },
        { "5.6.1 Values of Correct Type", "{ arguments { intArgField(intArg: \"3\") floatArgField(floatArg: true) booleanArgField(booleanArg: 1) } }",
            ["Int cannot represent non-integer value: \"3\" (1:35)", "Float cannot represent non numeric value: true (1:64)", "Boolean cannot represent a non boolean value: 1 (1:98)"] },
        { "5.6.1 int range and enum", "{ arguments { intArgField(intArg: 3000000000) } dog { doesKnowCommand(dogCommand: JUMP) isHouseTrained(atOtherHomes: \"yes\") } }",
            ["Int cannot represent non 32-bit signed integer value: 3000000000 (1:35)", "Value \"JUMP\" does not exist in \"DogCommand\" enum. (1:83)",
             "Boolean cannot represent a non boolean value: \"yes\" (1:118)"] },
        { "5.6.1 enum as string", "{ dog { doesKnowCommand(dogCommand: \"SIT\") } }",
            ["Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". (1:37)"] },
        { "5.6.1 variable default", "query badComplexValue($search: FindDogInput = { name: 123 }) { findDog(searchBy: $search) { name } }",
            ["String cannot represent a non string value: 123 (1:55)"] },
        { "5.6.1 list items", "{ arguments { booleanListArgField(booleanListArg: [true, 2]) } }",
            ["Boolean cannot represent a non boolean value: 2 (1:58)"] },
        { "5.6.1 object for scalar", "{ arguments { intArgField(intArg: {a: 1}) } findDog(searchBy: 1) { name } }",
            ["Int cannot represent non-integer value: { a: 1 } (1:35)", "Expected value of type \"FindDogInput\", found 1. (1:63)"] },
        { "5.6.2 Input Object Field Names", "{ findDog(searchBy: { favoriteCookieFlavor: \"Bacon\" }) { name } }",
            ["Field \"favoriteCookieFlavor\" is not defined by type \"FindDogInput\". (1:23)"] },
        { "5.6.3 Input Object Field Uniqueness", "{ findDog(searchBy: { name: \"A\", name: \"B\" }) { name } }",
            ["There can be only one input field named \"name\". (1:23, 1:34)"] },
        { "5.7.1 Directives Are Defined", "{ dog @unknown { name } }", ["Unknown directive \"@unknown\". (1:7)"] },
        { "5.7.2 Directives Are In Valid Locations", "query @skip(if: true) { dog { ...f } }\nfragment f on Dog @include(if: true) { name }",
            ["Directive \"@skip\" may not be used on QUERY. (1:7)",
             "Directive \"@include\" may not be used on FRAGMENT_DEFINITION. (2:19)"] },
        { "5.7.3 Directives Are Unique Per Location", "query ($foo: Boolean = true, $bar: Boolean = false) { dog @skip(if: $foo) @skip(if: $bar) { name } }",
            ["The directive \"@skip\" can only be used once at this location. (1:59, 1:75)"] },
        { "5.8.1 Variable Uniqueness", "query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }",
            ["There can be only one variable named \"$atOtherHomes\". (1:26, 1:50)"] },
        { "5.8.2 Variables Are Input Types", "query takesCat($cat: Cat) { dog { name } }\nquery takesDogBang($dog: Dog!) { dog { name } }\nquery takesListOfPet($pets: [Pet]) { dog { name } }\nquery takesCatOrDog($catOrDog: CatOrDog) { dog { name } }",
            ["Variable \"$cat\" cannot be non-input type \"Cat\". (1:22)", "Variable \"$dog\" cannot be non-input type \"Dog!\". (2:26)",
             "Variable \"$pets\" cannot be non-input type \"[Pet]\". (3:29)", "Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\". (4:32)",
             "Variable \"$cat\" is never used in operation \"takesCat\". (1:16)", "Variable \"$dog\" is never used in operation \"takesDogBang\". (2:20)",
             "Variable \"$pets\" is never used in operation \"takesListOfPet\". (3:22)", "Variable \"$catOrDog\" is never used in operation \"takesCatOrDog\". (4:21)"] },
        { "5.8.2 unknown variable type", "query ($x: Nope) { arguments { intArgField(intArg: $x) } }",
            ["Unknown type \"Nope\". (1:12)"] },
        { "5.8.3 All Variable Uses Defined", "query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }",
            ["Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\". (1:65, 1:1)"] },
        { "5.8.3 through fragment", "query A { dog { ...f } }\nfragment f on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }",
            ["Variable \"$atOtherHomes\" is not defined by operation \"A\". (2:50, 1:1)"] },
        { "5.8.4 All Variables Used", "query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } }",
            ["Variable \"$atOtherHomes\" is never used in operation \"variableUnused\". (1:22)"] },
        { "5.8.5 All Variable Usages Are Allowed", "query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: $intArg) } }",
            ["Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\". (1:30, 1:86)"] },
        { "5.8.5 list into item", "query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) { arguments { booleanArgField(booleanArg: $booleanListArg) } }",
            ["Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\". (1:38, 1:108)"] },
        { "5.8.5 nullable into non-null", "query booleanArgQuery($booleanArg: Boolean) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }",
            ["Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". (1:23, 1:101)"] },
        { "5.8.5 list of nullable into list of non-null", "query listToNonNullList($booleanList: [Boolean]) { arguments { booleanListArgField(booleanListArg: $booleanList) } }",
            ["Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean]!\". (1:25, 1:100)"] },
        { "schema support", "mutation { mutateDog { name } }\nsubscription s { newMessage { body } }\nquery q { dog { name } }", ["This anonymous operation must be the only defined operation. (1:1)"] },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Invalid_documents_report_each_error_with_its_locations(string rule, string query, string[] expected)
    {
        Assert.True(string.Join("\n", expected) == string.Join("\n", Validate(query)), rule + ":\n" + string.Join("\n", Validate(query)));
    }

    [Fact]
    public void A_schema_without_mutations_refuses_them()
    {
        var schema = new Types.Schema(new Types.ObjectType("Query").Tap(q => q.Field("a", Types.Scalars.Int, _ => 1)));
        var errors = Validator.Validate(schema, Parser.Parse("mutation { a }")).Select(e => e.ToString());
        Assert.Equal(["The schema does not support mutation operations. (1:1)"], errors);
    }

    [Fact]
    public void Validation_stops_after_the_error_limit()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 500).Select(i => $"unknown{i}")) + " }";
        var errors = Validate(query);
        Assert.Equal(101, errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[^1]);
    }

    [Fact]
    public void Overlapping_fragments_do_not_make_validation_exponential()
    {
        // Each fragment spreads the previous one twice: 2^30 paths if expanded naively.
        var fragments = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"fragment F{i} on Dog {{ ...F{i - 1} ...F{i - 1} name }}"));
        var query = "{ dog { ...F30 } }\nfragment F0 on Dog { name }\n" + fragments;
        Assert.Empty(Validate(query));
    }
}

internal static class TestExtensions
{
    public static T Tap<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
