// The CSV import's progress: confirming posts the form in the background and polls the job's status, so the bar shows
// the rows the server has stored; the summary page follows. Without this script the confirm waits and then shows it.
(function () {
  var progress = document.getElementById("import-progress");
  if (!progress) return;
  var bar = progress.querySelector("progress");
  var text = progress.querySelector(".progress-text");
  var template = progress.getAttribute("data-template");

  function show(status) {
    var total = Math.max(status.total, status.imported);
    bar.max = Math.max(total, 1);
    bar.value = status.imported;
    bar.setAttribute("aria-valuemax", String(total));
    bar.setAttribute("aria-valuenow", String(status.imported));
    text.textContent = template.replace("{0}", status.imported).replace("{1}", total);
  }

  // Calls finished once the job no longer runs.
  function poll(finished) {
    var timer = setInterval(function () {
      fetch(progress.getAttribute("data-status"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) return;
          show(status);
          if (status.state !== "Running" && status.state !== "Previewed") { clearInterval(timer); finished(); }
        }, function () { /* a missed poll: the next one tries again */ });
    }, 500);
    return timer;
  }

  var form = document.getElementById("import-confirm");
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      form.querySelector("button[type=submit]").disabled = true;
      progress.hidden = false;
      var timer = poll(function () { });
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { clearInterval(timer); location.assign(response.url); },
              function () { clearInterval(timer); location.reload(); });
    });
  } else if (progress.getAttribute("data-state") === "Running") {
    poll(function () { location.reload(); });
  }
})();
