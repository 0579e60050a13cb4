// Autosave of drafts: a few seconds after the last change (and at least every half minute while typing) the whole
// form is posted to the item's autosave address, which saves a draft version, never a publish. The reply carries the
// new concurrency stamp, so the next save (automatic or not) is not refused as stale. When another tab or person
// saved in between, the server refuses (409): the message stays on screen and autosave stops, so nothing is
// overwritten and the writer knows to copy their text and reload.

const QUIET_MS = 3000;
const MAX_WAIT_MS = 30000;

export function startAutosave(form) {
  const status = document.getElementById(form.dataset.autosaveStatus);
  const stamp = form.querySelector("input[name=ConcurrencyStamp]");
  let timer = null, firstChange = 0, saving = false, again = false, dirty = false, stopped = false;

  const show = (text, alert) => {
    status.textContent = text;
    status.setAttribute("role", alert ? "alert" : "status");
    status.classList.toggle("error", !!alert);
  };

  show(form.dataset.msgReady);
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => { dirty = false; clearTimeout(timer); });
  window.addEventListener("beforeunload", e => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });

  function changed(event) {
    if (stopped || !event.target.name) return;
    dirty = true;
    firstChange ||= Date.now();
    clearTimeout(timer);
    timer = setTimeout(save, Math.max(0, Math.min(QUIET_MS, firstChange + MAX_WAIT_MS - Date.now())));
  }

  async function save() {
    if (saving) { again = true; return; }
    saving = true;
    firstChange = 0;
    show(form.dataset.msgSaving);
    const data = new FormData(form);
    data.delete("submit");
    let response = null;
    try {
      response = await fetch(form.dataset.autosaveUrl, { method: "POST", body: data, headers: { Accept: "application/json" }, redirect: "manual" });
    } catch {
      response = null;
    }
    const body = response ? await response.json().catch(() => null) : null;
    saving = false;
    if (response && response.ok && body) {
      stamp.value = body.concurrencyStamp;
      dirty = again;
      show(body.message);
    } else if (response && response.status === 409) {
      stopped = true;
      show(body?.message || form.dataset.msgConflict, true);
    } else if (response && response.status === 422 && body) {
      show(body.message, true);
    } else {
      show(form.dataset.msgOffline, true);
      firstChange ||= Date.now();
      timer = setTimeout(save, QUIET_MS * 5);
    }
    if (again && !stopped) { again = false; save(); }
  }
}
