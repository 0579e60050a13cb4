using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Portal.Users.Services;

namespace Portal.Users.Controllers;

/// <summary>The form's problems, each with the id of the input it is about ("" for the whole form).</summary>
public sealed class FormErrors : List<(string Field, string Message)>
{
    public FormErrors() { }

    public FormErrors(IEnumerable<FieldError> errors) => AddRange(errors.Select(e => (e.Field, e.Message)));

    /// <summary>Every message about <paramref name="field"/>, joined, or null.</summary>
    public string? For(string field) =>
        this.Where(e => e.Field == field).Select(e => e.Message).ToList() is { Count: > 0 } messages ? string.Join(" ", messages) : null;
}

/// <summary>One labelled input with its hint and error (<c>_InputField</c>).</summary>
public sealed record InputField(string Id, string Label, string Type, string? Value, string Autocomplete, string? Error, string? Hint);

internal static class RefusedForms
{
    /// <summary>The form again with its errors, answered 400: nothing was changed.</summary>
    public static ViewResult Refused(this Controller controller, ViewResult view)
    {
        controller.Response.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }
}
