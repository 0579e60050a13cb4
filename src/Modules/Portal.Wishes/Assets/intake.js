// The staff intake form: the cursor starts in the first field (unless an error summary takes it), and Ctrl+Enter
// submits from a text area too. Every part of the form works without this script.
(function () {
  var form = document.getElementById("intake-form");
  if (!form) return;
  if (!document.getElementById("error-summary")) {
    var first = form.querySelector("input:not([type=hidden]):not([type=checkbox]), select, textarea");
    if (first) first.focus();
  }
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit(form.querySelector("button[type=submit]"));
    }
  });
})();
