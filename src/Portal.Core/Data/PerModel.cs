using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Portal.Core.Data;

/// <summary>
/// One <typeparamref name="T"/> per EF model, for compiled queries: a compiled query is bound to the model it first ran
/// on, and a process may hold several models (one per provider and module set, as the tests do).
/// </summary>
public static class PerModel<T> where T : class, new()
{
    private static readonly ConditionalWeakTable<IModel, T> Instances = new();

    public static T For(DbContext db) => Instances.GetValue(db.Model, _ => new T());
}
