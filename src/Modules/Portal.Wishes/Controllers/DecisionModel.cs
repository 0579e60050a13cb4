using Portal.Wishes.Services;

namespace Portal.Wishes.Controllers;

/// <summary>
/// One waiting decision for <c>_Decision</c>: <see cref="Subject"/> names what it is about (the wish's title), so each
/// button and comment box says which row it acts on; the form returns to the queue's <see cref="Tab"/> and <see cref="Page"/>.
/// </summary>
public sealed record DecisionModel(StaffDecision Decision, string Subject, WorkQueue Tab, int Page);
