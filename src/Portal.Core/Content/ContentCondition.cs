using System.Linq.Expressions;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>
/// A filter tree for <see cref="ContentQuery.Where"/>: field conditions on the generic index and conditions on the
/// record's columns, combined with all / any / not (the GraphQL <c>where</c> argument maps onto it one to one).
/// </summary>
public abstract record ContentCondition
{
    public static ContentCondition All(params ContentCondition[] conditions) => new AllOf(conditions);
}

public sealed record AllOf(IReadOnlyList<ContentCondition> Conditions) : ContentCondition;
public sealed record AnyOf(IReadOnlyList<ContentCondition> Conditions) : ContentCondition;
public sealed record NotCondition(ContentCondition Condition) : ContentCondition;
public sealed record FieldCondition(FieldFilter Filter) : ContentCondition;

/// <summary>A condition on a column: ContentItemId, DisplayText, Owner, Author (text), CreatedUtc, ModifiedUtc, PublishedUtc (dates).</summary>
public sealed record ColumnCondition(string Column, FieldOperator Operator, object? Value) : ContentCondition;

/// <summary>Turns a condition tree into one predicate over item records (field conditions become EXISTS subqueries).</summary>
internal sealed class ContentConditionTranslator(Func<FieldFilter, IQueryable<ContentFieldIndexRecord>> matching)
{
    private static readonly ParameterExpression Record = Expression.Parameter(typeof(ContentItemRecord), "r");

    public Expression<Func<ContentItemRecord, bool>> Translate(ContentCondition condition) =>
        Expression.Lambda<Func<ContentItemRecord, bool>>(Body(condition), Record);

    private Expression Body(ContentCondition condition) => condition switch
    {
        AllOf all => all.Conditions.Count == 0 ? Expression.Constant(true) : all.Conditions.Select(Body).Aggregate(Expression.AndAlso),
        AnyOf any => any.Conditions.Count == 0 ? Expression.Constant(false) : any.Conditions.Select(Body).Aggregate(Expression.OrElse),
        NotCondition not => Expression.Not(Body(not.Condition)),
        FieldCondition field => Field(field.Filter),
        ColumnCondition column => Column(column),
        _ => throw new ArgumentException($"Unknown condition {condition}."),
    };

    private Expression Field(FieldFilter filter)
    {
        var rows = matching(filter with { Operator = filter.Operator == FieldOperator.NotEquals ? FieldOperator.Equals : filter.Operator });
        Expression<Func<ContentItemRecord, bool>> exists = r => rows.Any(f => f.DocumentId == r.Id);
        var body = Rebind(exists);
        return filter.Operator == FieldOperator.NotEquals ? Expression.Not(body) : body;
    }

    private static Expression Column(ColumnCondition c)
    {
        Expression<Func<ContentItemRecord, bool>> predicate = (c.Column, c.Operator, c.Value) switch
        {
            (_, _, string s) when Text(c.Column) is { } column => c.Operator switch
            {
                FieldOperator.Equals => Compose(column, v => v == s),
                FieldOperator.NotEquals => Compose(column, v => v != s),
                FieldOperator.Contains => Compose(column, v => v!.Contains(s)),
                FieldOperator.StartsWith => Compose(column, v => v!.StartsWith(s)),
                FieldOperator.EndsWith => Compose(column, v => v!.EndsWith(s)),
                _ => throw Unsupported(c),
            },
            (_, FieldOperator.In, IEnumerable<string> list) when Text(c.Column) is { } column => InList(column, list.ToList()),
            (_, _, DateTime d) when Date(c.Column) is { } column => c.Operator switch
            {
                FieldOperator.Equals => Compose(column, v => v == d),
                FieldOperator.NotEquals => Compose(column, v => v != d),
                FieldOperator.GreaterThan => Compose(column, v => v > d),
                FieldOperator.GreaterOrEqual => Compose(column, v => v >= d),
                FieldOperator.LessThan => Compose(column, v => v < d),
                FieldOperator.LessOrEqual => Compose(column, v => v <= d),
                _ => throw Unsupported(c),
            },
            _ => throw Unsupported(c),
        };
        return Rebind(predicate);
    }

    private static Expression<Func<ContentItemRecord, bool>> InList(Expression<Func<ContentItemRecord, string?>> column, List<string> values) =>
        Compose(column, v => values.Contains(v!));

    private static Expression<Func<ContentItemRecord, string?>>? Text(string column) => column switch
    {
        "ContentItemId" => r => r.ContentItemId,
        "DisplayText" => r => r.DisplayText,
        "Owner" => r => r.Owner,
        "Author" => r => r.Author,
        "ContentType" => r => r.ContentType,
        _ => null,
    };

    private static Expression<Func<ContentItemRecord, DateTime?>>? Date(string column) => column switch
    {
        "CreatedUtc" => r => r.CreatedUtc,
        "ModifiedUtc" => r => r.ModifiedUtc,
        "PublishedUtc" => r => r.PublishedUtc,
        _ => null,
    };

    private static Expression<Func<ContentItemRecord, bool>> Compose<T>(Expression<Func<ContentItemRecord, T>> column, Expression<Func<T, bool>> test) =>
        Expression.Lambda<Func<ContentItemRecord, bool>>(new Replace(test.Parameters[0], column.Body).Visit(test.Body), column.Parameters[0]);

    private static Expression Rebind(LambdaExpression lambda) => new Replace(lambda.Parameters[0], Record).Visit(lambda.Body);

    private static ArgumentException Unsupported(ColumnCondition c) =>
        new($"The filter {c.Operator} does not apply to the value '{c.Value}' of {c.Column}.");

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
