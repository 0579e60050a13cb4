using Portal.GraphQL.Engine.Types;

namespace Portal.GraphQL.Schema;

/// <summary>
/// A mutation a module adds to the partner API (the Wishes module's <c>submitWish</c>). Its root field's name is also the
/// scope an API client must be granted to call it; nobody else may. Resolvers reach the request's services through
/// <see cref="ContentRequest.Services"/>.
/// </summary>
public interface IContentMutation
{
    /// <summary>The root field on <c>Mutation</c>, and the scope that grants it.</summary>
    string Name { get; }

    /// <summary>Adds the field (and the input and payload types it needs) to the <c>Mutation</c> root.</summary>
    void AddTo(ObjectType mutation);
}
