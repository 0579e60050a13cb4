namespace Portal.Core.Content;

/// <summary>
/// Published items are listed to the public (search, feeds) unless a rule holds some back: a domain whose items stay
/// published while out of public view (a claimed wish stays published for its claimer and its story) registers a rule,
/// and tells every <see cref="IPublicListingListener"/> when one of its items comes into view or leaves it.
/// </summary>
public interface IPublicListingRule
{
    /// <summary>The ids among <paramref name="items"/> (published items) that are not listed now.</summary>
    Task<IReadOnlySet<string>> HiddenAsync(IReadOnlyList<ContentItem> items);
}

/// <summary>Hears that an item's public listing may have changed, inside the change's transaction.</summary>
public interface IPublicListingListener
{
    /// <summary>
    /// <paramref name="listed"/>: false when the item left public view (nothing to read, only to take out); true when the
    /// rule that held it back lets it be listed again (another rule, or its being unpublished, may still hold it back).
    /// </summary>
    Task ListingChangedAsync(string contentItemId, bool listed);
}
