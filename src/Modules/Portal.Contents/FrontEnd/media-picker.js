// The media library picker: a <dialog> drawn by MediaPickerDialog.cs. open(dialog, form) resolves with
// { path, url, alt } or null when cancelled. Reads /admin/media/api/ and uploads to /admin/media/api/upload with the
// form's antiforgery token.

export function openMediaPicker(dialog, form) {
  const $ = selector => dialog.querySelector(selector);
  const status = $(".picker-status");
  const results = $(".picker-results");
  const search = $("input[type=search]");
  const alt = dialog.querySelector("input[id$='-alt']");
  const file = $("input[type=file]");
  const msg = name => dialog.dataset["msg" + name[0].toUpperCase() + name.slice(1)];
  let chosen = null;

  function choose(item, button) {
    chosen = item;
    results.querySelectorAll("button[aria-pressed]").forEach(b => b.setAttribute("aria-pressed", "false"));
    if (button) button.setAttribute("aria-pressed", "true");
    if (alt && !alt.value) alt.value = item.altText || "";
  }

  async function load(query) {
    status.textContent = msg("loading");
    results.replaceChildren();
    let response;
    try {
      response = await fetch("/admin/media/api/?q=" + encodeURIComponent(query || ""), { headers: { Accept: "application/json" }, redirect: "manual" });
    } catch {
      status.textContent = msg("failed");
      return;
    }
    if (response.status === 403 || response.type === "opaqueredirect") { status.textContent = msg("forbidden"); return; }
    if (!response.ok) { status.textContent = msg("failed"); return; }
    const listing = await response.json();
    status.textContent = listing.files.length === 0 ? msg("none") : "";
    for (const item of listing.files) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      const img = document.createElement("img");
      img.src = item.url;
      img.alt = "";
      img.loading = "lazy";
      const name = document.createElement("span");
      name.textContent = item.path + (item.altText ? " — " + item.altText : "");
      button.append(img, name);
      button.addEventListener("click", () => choose(item, button));
      li.append(button);
      results.append(li);
    }
  }

  async function upload() {
    if (!file.files.length) { status.textContent = msg("choose"); return; }
    const data = new FormData();
    data.append("file", file.files[0]);
    if (alt) data.append("alt", alt.value);
    const token = form.querySelector("input[name='__RequestVerificationToken']");
    if (token) data.append(token.name, token.value);
    status.textContent = msg("loading");
    const response = await fetch("/admin/media/api/upload", { method: "POST", body: data, redirect: "manual" }).catch(() => null);
    if (!response) { status.textContent = msg("failed"); return; }
    if (response.status === 403 || response.type === "opaqueredirect") { status.textContent = msg("forbidden"); return; }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      status.textContent = body && body.errors ? Object.values(body.errors).flat().join(" ") : msg("failed");
      return;
    }
    choose(body, null);
    file.value = "";
    status.textContent = msg("uploaded") + " " + body.path;
  }

  return new Promise(resolve => {
    const controller = new AbortController();
    const on = (el, type, fn) => el.addEventListener(type, fn, { signal: controller.signal });
    const finish = value => {
      controller.abort();
      if (dialog.open) dialog.close();
      resolve(value);
    };
    on($("[data-picker=search]"), "click", () => load(search.value));
    on(search, "keydown", e => { if (e.key === "Enter") { e.preventDefault(); load(search.value); } });
    on($("[data-picker=upload]"), "click", upload);
    on($("[data-picker=cancel]"), "click", () => finish(null));
    on($("[data-picker=choose]"), "click", () => {
      if (!chosen) { status.textContent = msg("choose"); return; }
      finish({ path: chosen.path, url: chosen.url, alt: alt ? alt.value.trim() : chosen.altText || "" });
    });
    on(dialog, "cancel", () => finish(null));
    if (alt) alt.value = "";
    dialog.showModal();
    search.focus();
    load("");
  });
}
