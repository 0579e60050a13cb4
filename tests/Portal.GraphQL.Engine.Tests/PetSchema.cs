using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Engine.Tests;

/// <summary>The example schema of the specification's validation section, with data so that it also executes.</summary>
public static class PetSchema
{
    public sealed record Dog(string Name, string? Nickname, int? BarkVolume, Human? Owner);
    public sealed record Cat(string Name, string? Nickname, int? MeowVolume);
    public sealed record Human(string Name, List<object>? Pets);
    public sealed record Alien(string Name, string? HomePlanet);

    public static readonly Schema Schema = Build();

    public static readonly Human Owner = new("Alice", null);
    public static readonly Dog Rex = new("Rex", "Rexy", 3, Owner);
    public static readonly Cat Tom = new("Tom", null, 2);

    private static Schema Build()
    {
        var dogCommand = new EnumType("DogCommand", ["SIT", "DOWN", "HEEL"]);
        var catCommand = new EnumType("CatCommand", ["JUMP"]);
        var sentient = new InterfaceType("Sentient");
        sentient.Field("name", Scalars.String.NonNull());
        var pet = new InterfaceType("Pet");
        pet.Field("name", Scalars.String.NonNull());
        var alien = new ObjectType("Alien") { IsTypeOf = v => v is Alien }.Implements(sentient);
        alien.Field("name", Scalars.String.NonNull());
        alien.Field("homePlanet", Scalars.String);
        var human = new ObjectType("Human") { IsTypeOf = v => v is Human }.Implements(sentient);
        human.Field("name", Scalars.String.NonNull());
        human.Field("pets", pet.NonNull().List());
        var dog = new ObjectType("Dog") { IsTypeOf = v => v is Dog }.Implements(pet);
        dog.Field("name", Scalars.String.NonNull());
        dog.Field("nickname", Scalars.String);
        dog.Field("barkVolume", Scalars.Int);
        dog.Field("doesKnowCommand", Scalars.Boolean.NonNull(), c => (string)c.Arguments["dogCommand"]! == "SIT")
            .Arg("dogCommand", dogCommand.NonNull());
        dog.Field("isHouseTrained", Scalars.Boolean.NonNull(), c => c.Argument<bool?>("atOtherHomes") != true)
            .Arg("atOtherHomes", Scalars.Boolean);
        dog.Field("owner", human);
        var cat = new ObjectType("Cat") { IsTypeOf = v => v is Cat }.Implements(pet);
        cat.Field("name", Scalars.String.NonNull());
        cat.Field("nickname", Scalars.String);
        cat.Field("doesKnowCommand", Scalars.Boolean.NonNull(), _ => false).Arg("catCommand", catCommand.NonNull());
        cat.Field("meowVolume", Scalars.Int);
        var catOrDog = new UnionType("CatOrDog", [cat, dog]);
        var dogOrHuman = new UnionType("DogOrHuman", [dog, human]);
        var humanOrAlien = new UnionType("HumanOrAlien", [human, alien]);
        var findDogInput = new InputObjectType("FindDogInput");
        findDogInput.Field("name", Scalars.String);
        findDogInput.Field("owner", Scalars.String);

        var arguments = new ObjectType("Arguments");
        arguments.Field("multipleRequirements", Scalars.Int.NonNull(), c => (int)c.Arguments["x"]! + (int)c.Arguments["y"]!)
            .Arg("x", Scalars.Int.NonNull()).Arg("y", Scalars.Int.NonNull());
        arguments.Field("booleanArgField", Scalars.Boolean, c => c.Arguments["booleanArg"]).Arg("booleanArg", Scalars.Boolean);
        arguments.Field("floatArgField", Scalars.Float, c => c.Arguments["floatArg"]).Arg("floatArg", Scalars.Float);
        arguments.Field("intArgField", Scalars.Int, c => c.Arguments.GetValueOrDefault("intArg")).Arg("intArg", Scalars.Int);
        arguments.Field("nonNullBooleanArgField", Scalars.Boolean.NonNull(), c => c.Arguments["nonNullBooleanArg"])
            .Arg("nonNullBooleanArg", Scalars.Boolean.NonNull());
        arguments.Field("booleanListArgField", Scalars.Boolean.List(), c => c.Arguments["booleanListArg"])
            .Arg("booleanListArg", Scalars.Boolean.List().NonNull());
        arguments.Field("optionalNonNullBooleanArgField", Scalars.Boolean.NonNull(), c => c.Arguments["optionalBooleanArg"])
            .Arg(new InputValue("optionalBooleanArg", Scalars.Boolean.NonNull()).WithDefault(false));
        arguments.Field("findDogArgField", Scalars.String, c => c.Arguments.GetValueOrDefault("input") is IReadOnlyDictionary<string, object?> m ? m.GetValueOrDefault("name") as string : null)
            .Arg("input", findDogInput);

        var query = new ObjectType("Query");
        query.Field("dog", dog, _ => Rex);
        query.Field("findDog", dog, c => Rex).Arg("searchBy", findDogInput);
        query.Field("human", human, _ => new Human("Bob", [Rex, Tom]));
        query.Field("pet", pet, _ => Tom);
        query.Field("catOrDog", catOrDog, _ => Rex);
        query.Field("dogOrHuman", dogOrHuman, _ => Owner);
        query.Field("humanOrAlien", humanOrAlien, _ => new Alien("Zorg", "Mars"));
        query.Field("arguments", arguments, _ => new object());
        query.Field("booleanList", Scalars.Boolean.List(), c => c.Arguments["booleanListArg"]).Arg("booleanListArg", Scalars.Boolean.List());

        var mutation = new ObjectType("Mutation");
        mutation.Field("mutateDog", dog, _ => Rex);
        var subscription = new ObjectType("Subscription");
        subscription.Field("newMessage", new ObjectType("Message").Tap(m =>
        {
            m.Field("body", Scalars.String);
            m.Field("sender", Scalars.String);
        }));
        subscription.Field("disallowedSecondRootField", Scalars.Boolean);
        return new Schema(query, mutation, subscription, [catOrDog, dogOrHuman, humanOrAlien, alien, cat]);
    }
}
