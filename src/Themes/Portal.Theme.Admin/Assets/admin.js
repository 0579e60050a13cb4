// Small enhancements; every page works without them.

// A technical-name input with data-suggest-from="OtherId" follows that input until the user types in it.
document.querySelectorAll("input[data-suggest-from]").forEach(function (target) {
  var source = document.getElementById(target.dataset.suggestFrom);
  if (!source) return;
  var edited = target.value.length > 0;
  target.addEventListener("input", function () { edited = target.value.length > 0; });
  source.addEventListener("input", function () {
    if (edited) return;
    var words = source.value.match(/[A-Za-z0-9]+/g) || [];
    var name = words.map(function (w) { return w[0].toUpperCase() + w.slice(1); }).join("").replace(/^[0-9]+/, "");
    target.placeholder = name;
  });
});

// Focus the error summary so screen readers announce it.
var summary = document.getElementById("error-summary");
if (summary) summary.focus();
