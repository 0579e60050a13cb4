using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.GraphQL.Engine;
using Portal.GraphQL.Engine.Execution;
using Portal.GraphQL.Engine.Types;
using Portal.GraphQL.Schema;
using Portal.Wishes.Handlers;
using Portal.Wishes.Services;

namespace Portal.Wishes.GraphQL;

/// <summary>
/// <c>submitWish(input:, idempotencyKey:)</c> for partners granted the scope <c>submitWish</c>: the wish goes through
/// <see cref="WishSubmissions"/> like the public form's (channel partner-api, consent required, lands submitted for
/// review). The same key with the same input answers with the first wish; refusals are one error whose
/// <c>extensions.fields</c> names each wrong input field, and nothing is saved.
/// </summary>
public sealed class SubmitWishMutation : IContentMutation
{
    public string Name => "submitWish";

    private static readonly InputObjectType Input = BuildInput();
    private static readonly ObjectType Payload = BuildPayload();

    public void AddTo(ObjectType mutation) =>
        mutation.FieldAsync(Name, Payload.NonNull(), SubmitAsync, "Submits a wish on a resident's behalf; it is reviewed like any online wish.")
            .Arg("input", Input.NonNull())
            .Arg("idempotencyKey", Scalars.String, "Any string unique per wish (at most 100 characters): sending it again, after a lost answer, submits once.");

    private static InputObjectType BuildInput()
    {
        var input = new InputObjectType("SubmitWishInput", "The wish, as the resident asked for it. Name and phone are kept from every public view and from this API.");
        input.Field("itemText", Scalars.String.NonNull(), "What is wished for (a fan, a school bag, tutoring); also the wish's title.");
        input.Add(new InputValue("kind", Scalars.String, "material, service or micro-project.").WithDefault("material"));
        input.Field("category", Scalars.String, "The value of one of the Wish type's categories (essential-supplies, study-supplies, ...); required unless an administrator made it optional.");
        input.Field("community", Scalars.ID.NonNull(), "The id of the resident's Community.");
        input.Field("description", Scalars.String, "More about the wish, without personal data.");
        input.Field("wisherName", Scalars.String.NonNull(), "The resident's name, so staff can follow up.");
        input.Field("phone", Scalars.String.NonNull(), "A phone number staff can call.");
        input.Add(new InputValue("minor", Scalars.Boolean, "The wish is a child's.").WithDefault(false));
        input.Add(new InputValue("guardianConsent", Scalars.Boolean, "A parent or guardian agreed (needed for a child).").WithDefault(false));
        input.Field("publishConsent", Scalars.Boolean.NonNull(), "The resident agreed to the wish being published under its public name (needed).");
        return input;
    }

    private static ObjectType BuildPayload()
    {
        var payload = new ObjectType("SubmittedWish");
        payload.Field("contentItemId", Scalars.ID.NonNull(), c => ((SubmissionResult)c.Source!).WishId);
        payload.Field("reference", Scalars.String.NonNull(), c => WishSubmissions.Reference(((SubmissionResult)c.Source!).WishId!),
            "What the resident and staff call the wish by.");
        payload.Field("replayed", Scalars.Boolean.NonNull(), c => ((SubmissionResult)c.Source!).Replayed,
            "True when this idempotency key had submitted the wish already.");
        return payload;
    }

    private static async ValueTask<object?> SubmitAsync(ResolveContext c)
    {
        var request = ContentRequest.Of(c);
        var input = c.Argument<IReadOnlyDictionary<string, object?>>("input")!;
        var wish = WishRequestOf(input);
        var missing = new[] { ("wisherName", wish.WisherName), ("phone", wish.Phone), ("itemText", wish.ItemText) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => ($"input.{f.Item1}", $"{f.Item1} must not be blank.")).ToList();
        var key = c.Argument<string>("idempotencyKey");
        if (key is { Length: 0 or > 100 }) missing.Add(("idempotencyKey", "idempotencyKey must be 1 to 100 characters."));
        if (missing.Count > 0) throw Refusal(missing);

        var item = (await request.Content.NewAsync(WishFields.Type))!;
        wish.ApplyTo(item);
        var submissions = request.Services.GetRequiredService<WishSubmissions>();
        var result = await submissions.SubmitAsync(item, new SubmissionOptions(IntakeSource.Partner,
            Key: key is null ? null : new IdempotencyKey(request.Access.ClientName!, key, Fingerprint(input))));
        return result.Succeeded ? result : throw Refusal(result.Errors.Select(e => (InputPath(e.Path), e.Message)).ToList());
    }

    private static WishRequest WishRequestOf(IReadOnlyDictionary<string, object?> input)
    {
        string? Text(string name) => input.GetValueOrDefault(name) as string;
        bool Flag(string name) => input.GetValueOrDefault(name) is true;
        return new WishRequest
        {
            ItemText = Text("itemText"), Kind = Text("kind"), Category = Text("category"), Community = Text("community"),
            Description = Text("description"), WisherName = Text("wisherName"), Phone = Text("phone"),
            Minor = Flag("minor"), GuardianConsent = Flag("guardianConsent"), PublishConsent = Flag("publishConsent"),
        };
    }

    /// <summary>The input field a submission error is about: the last segment of its path (Wish.Phone → input.phone).</summary>
    private static string InputPath(string path)
    {
        if (path == "IdempotencyKey") return "idempotencyKey";
        var field = path.Split('.')[^1] switch { "Title" => "itemText", "Alias" => "wisherName", var f => f };
        var name = field.Length == 0 ? "" : char.ToLowerInvariant(field[0]) + field[1..];
        return Input.GetField(name) is null ? "input" : "input." + name;
    }

    private static GraphQLFieldException Refusal(IReadOnlyList<(string Field, string Message)> errors) =>
        new(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), new Dictionary<string, object?>
        {
            ["code"] = "BAD_USER_INPUT",
            ["fields"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => (object?)string.Join(" ", g.Select(e => e.Message))),
        });

    /// <summary>The input, in a stable form: a key sent again with other input is refused, not answered with the first wish.</summary>
    private static string Fingerprint(IReadOnlyDictionary<string, object?> input)
    {
        var text = string.Join("\n", input.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
