namespace Portal.GraphQL.Engine.Execution;

public delegate Task<IReadOnlyDictionary<TKey, TValue>> BatchLoad<TKey, TValue>(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    where TKey : notnull;

/// <summary>
/// A value that will be known after the executor dispatches its loaders. Resolvers return one instead of
/// awaiting, so that every key requested at one level of the response is loaded in one batch.
/// </summary>
public abstract class Deferred
{
    internal abstract IDispatchable Loader { get; }
    internal abstract object? GetResult();

    /// <summary>A deferred value transformed once it is known.</summary>
    public Deferred Then(Func<object?, object?> map) => new Mapped(this, map);

    private sealed class Mapped(Deferred inner, Func<object?, object?> map) : Deferred
    {
        internal override IDispatchable Loader => inner.Loader;
        internal override object? GetResult() => map(inner.GetResult());
    }
}

internal interface IDispatchable
{
    bool HasPending { get; }
    Task DispatchAsync(CancellationToken cancellationToken);
}

/// <summary>Collects keys during one execution pass and loads them together; caches per request.</summary>
public sealed class DataLoader<TKey, TValue>(BatchLoad<TKey, TValue> load) : IDispatchable where TKey : notnull
{
    private readonly Dictionary<TKey, TValue?> loaded = [];
    private readonly HashSet<TKey> pending = [];
    private Exception? failure;

    bool IDispatchable.HasPending => pending.Count > 0;

    public int Batches { get; private set; }

    public Deferred Load(TKey key)
    {
        if (!loaded.ContainsKey(key)) pending.Add(key);
        return new Item(this, key);
    }

    /// <summary>Several keys; the result lists the values found, in key order, skipping missing ones.</summary>
    public Deferred LoadMany(IEnumerable<TKey> keys)
    {
        var list = keys.ToList();
        foreach (var key in list)
            if (!loaded.ContainsKey(key)) pending.Add(key);
        return new Many(this, list);
    }

    async Task IDispatchable.DispatchAsync(CancellationToken cancellationToken)
    {
        var keys = pending.ToList();
        pending.Clear();
        Batches++;
        try
        {
            var values = await load(keys, cancellationToken);
            foreach (var key in keys) loaded[key] = values.TryGetValue(key, out var value) ? value : default;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
        }
    }

    private TValue? Get(TKey key)
    {
        if (failure is not null) throw failure;
        return loaded.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Item(DataLoader<TKey, TValue> owner, TKey key) : Deferred
    {
        internal override IDispatchable Loader => owner;
        internal override object? GetResult() => owner.Get(key);
    }

    private sealed class Many(DataLoader<TKey, TValue> owner, List<TKey> keys) : Deferred
    {
        internal override IDispatchable Loader => owner;
        internal override object? GetResult() => keys.Select(owner.Get).Where(v => v is not null).ToList();
    }
}
