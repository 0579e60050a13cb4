// The workflow designer: a palette of activities, a canvas of nodes joined outcome → activity, and a side
// panel for the selected activity's properties. It edits the Orchard workflow type JSON and saves it through
// /api/workflows/types (JSON bodies, so a cross-site form cannot post them).
(() => {
  "use strict";
  const root = document.getElementById("designer");
  if (!root) return;
  const text = JSON.parse(root.dataset.text);
  const $ = id => document.getElementById(id);
  const canvas = $("wf-canvas"), world = $("wf-world"), wires = $("wf-wires"), panel = $("wf-panel"), messages = $("wf-messages");
  const format = (template, ...values) => values.reduce((s, v, i) => s.replace("{" + i + "}", v), template);

  let palette = new Map();
  let type = { WorkflowTypeId: root.dataset.typeId || "", Name: "", IsEnabled: true, IsSingleton: false, DeleteFinishedWorkflows: false, Activities: [], Transitions: [] };
  let selected = null, view = { x: 0, y: 0, scale: 1 }, trace = null;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  };

  const api = async (url, options = {}) => {
    const response = await fetch(url, { credentials: "same-origin", headers: { "Content-Type": "application/json", Accept: "application/json" }, ...options });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && (body.detail || body.title)) || response.statusText);
    return body;
  };

  const say = (lines, kind = "notice") => {
    messages.replaceChildren();
    if (!lines || lines.length === 0) return;
    const box = el("div", { class: "notice " + kind });
    if (lines.length === 1) box.textContent = lines[0];
    else box.append(el("p", {}, lines[0]), el("ul", {}, lines.slice(1).map(l => el("li", {}, l))));
    messages.append(box);
  };

  // ---------------------------------------------------------------- model helpers
  const activity = id => type.Activities.find(a => a.ActivityId === id);
  const outcomesOf = a => {
    const kind = palette.get(a.Name);
    if (!kind) return [...new Set(type.Transitions.filter(t => t.SourceActivityId === a.ActivityId).map(t => t.SourceOutcomeName))];
    const list = name => {
      const v = a.Properties[name];
      return Array.isArray(v) ? v.filter(Boolean) : typeof v === "string" ? v.split(/[\n,]/).map(s => s.trim()).filter(Boolean) : [];
    };
    if (a.Name === "ForkTask") return list("Forks");
    if (a.Name === "UserTask") return list("Actions");
    if (a.Name === "ScriptTask") return list("AvailableOutcomes").length ? list("AvailableOutcomes") : ["Done"];
    return kind.outcomes;
  };
  const newId = name => {
    const base = name.replace(/(Task|Event)$/, "").replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase());
    let n = 1;
    while (activity(base + "-" + n)) n++;
    return base + "-" + n;
  };

  /** What the designer checks before saving; the server checks again. */
  const problems = () => {
    const found = [];
    if (!type.Activities.some(a => a.IsStart)) found.push(text.noStart);
    for (const a of type.Activities)
      if (!palette.has(a.Name)) found.push(format(text.unknown, a.Name, a.ActivityId));
    for (const t of type.Transitions) {
      const source = activity(t.SourceActivityId);
      if (!source || !activity(t.DestinationActivityId)) found.push(format(text.dangling, t.SourceOutcomeName, t.SourceActivityId));
      else if (palette.has(source.Name) && !outcomesOf(source).includes(t.SourceOutcomeName)) found.push(format(text.undeclared, source.ActivityId, t.SourceOutcomeName));
    }
    return found;
  };

  // ---------------------------------------------------------------- rendering
  const applyView = () => {
    world.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
    $("wf-zoom-reset").textContent = Math.round(view.scale * 100) + "%";
  };

  const render = () => {
    for (const node of [...world.querySelectorAll(".wf-node")]) node.remove();
    for (const a of type.Activities) world.append(renderNode(a));
    drawWires();
    renderPanel();
  };

  const renderNode = a => {
    const kind = palette.get(a.Name);
    const classes = ["wf-node", kind ? "" : "wf-missing", a.IsStart ? "wf-start" : "", selected === a.ActivityId ? "wf-selected" : "",
      trace && trace.executed.has(a.ActivityId) ? "wf-executed" : "", trace && trace.waiting.has(a.ActivityId) ? "wf-waiting" : ""].filter(Boolean).join(" ");
    const node = el("div", { class: classes, "data-id": a.ActivityId, role: "button", tabindex: "-1", "aria-label": (kind ? kind.displayText : a.Name) + " " + a.ActivityId },
      el("div", { class: "wf-node-title" }, a.IsStart ? el("span", { class: "wf-badge" }, text.start) : null, kind ? kind.displayText : text.missing + ": " + a.Name),
      el("div", { class: "wf-node-id" }, a.ActivityId),
      trace && trace.waiting.has(a.ActivityId) ? el("div", { class: "wf-node-wait" }, text.waiting) : null,
      el("div", { class: "wf-ports" }, outcomesOf(a).map(o => el("span", { class: "wf-port", "data-outcome": o, title: o }, o))));
    node.style.left = (a.X || 0) + "px";
    node.style.top = (a.Y || 0) + "px";
    node.addEventListener("pointerdown", e => startDrag(e, a, node));
    return node;
  };

  const portPoint = (id, outcome) => {
    const node = world.querySelector(`.wf-node[data-id="${CSS.escape(id)}"]`);
    if (!node) return null;
    const port = [...node.querySelectorAll(".wf-port")].find(p => p.dataset.outcome === outcome);
    const a = activity(id);
    if (!port) return { x: a.X + node.offsetWidth / 2, y: a.Y + node.offsetHeight };
    return { x: a.X + port.offsetLeft + port.offsetWidth / 2, y: a.Y + port.offsetTop + port.offsetHeight };
  };

  const drawWires = (pending) => {
    wires.replaceChildren();
    const ns = "http://www.w3.org/2000/svg";
    const line = (from, to, cls) => {
      const path = document.createElementNS(ns, "path");
      const dy = Math.max(40, Math.abs(to.y - from.y) / 2);
      path.setAttribute("d", `M${from.x},${from.y} C${from.x},${from.y + dy} ${to.x},${to.y - dy} ${to.x},${to.y}`);
      path.setAttribute("class", cls);
      wires.append(path);
    };
    for (const t of type.Transitions) {
      const from = portPoint(t.SourceActivityId, t.SourceOutcomeName), target = activity(t.DestinationActivityId);
      if (!from || !target) continue;
      const node = world.querySelector(`.wf-node[data-id="${CSS.escape(target.ActivityId)}"]`);
      line(from, { x: target.X + (node ? node.offsetWidth / 2 : 60), y: target.Y }, "wf-wire");
    }
    if (pending) line(pending.from, pending.to, "wf-wire wf-wire-pending");
  };

  const field = (label, input, hint) => el("div", { class: "field" }, el("label", { for: input.id }, label), input, hint ? el("small", {}, hint) : null);

  const renderPanel = () => {
    panel.replaceChildren();
    const a = selected && activity(selected);
    if (!a) {
      panel.append(el("p", {}, text.nothingSelected));
      return;
    }
    const kind = palette.get(a.Name);
    panel.append(el("h2", {}, kind ? kind.displayText : text.missing + ": " + a.Name));
    if (kind && kind.description) panel.append(el("p", { class: "wf-hint" }, kind.description));
    panel.append(el("p", {}, text.id + ": ", el("code", {}, a.ActivityId)));
    if (!kind || kind.kind === "Event")
      panel.append(el("label", {}, el("input", { type: "checkbox", id: "wf-prop-start", checked: a.IsStart, onchange: e => { a.IsStart = e.target.checked; render(); } }), " " + text.isStart));
    if (!kind) panel.append(el("pre", { class: "wf-raw" }, JSON.stringify(a.Properties, null, 2)));
    for (const p of kind ? kind.properties : []) panel.append(propertyEditor(a, p));

    const outcomes = outcomesOf(a);
    const others = type.Activities.filter(o => o.ActivityId !== a.ActivityId);
    if (outcomes.length && others.length) {
      const outcome = el("select", { id: "wf-connect-outcome" }, outcomes.map(o => el("option", { value: o }, o)));
      const target = el("select", { id: "wf-connect-target" }, others.map(o => el("option", { value: o.ActivityId }, o.ActivityId)));
      panel.append(el("fieldset", { class: "wf-connect" }, el("legend", {}, text.connect),
        field(text.outcome, outcome), field(text.to, target),
        el("button", { type: "button", id: "wf-connect", onclick: () => connect(a.ActivityId, outcome.value, target.value) }, text.connect)));
    }
    const mine = type.Transitions.filter(t => t.SourceActivityId === a.ActivityId || t.DestinationActivityId === a.ActivityId);
    if (mine.length) {
      panel.append(el("h3", {}, text.transitions), el("ul", { class: "wf-transitions" }, mine.map(t =>
        el("li", {}, `${t.SourceActivityId} · ${t.SourceOutcomeName} → ${t.DestinationActivityId} `,
          el("button", { type: "button", class: "wf-small", onclick: () => { type.Transitions.splice(type.Transitions.indexOf(t), 1); render(); } }, text.remove)))));
    }
    panel.append(el("p", {}, el("button", { type: "button", class: "danger", id: "wf-remove", onclick: () => removeActivity(a.ActivityId) }, text.removeActivity)));
  };

  const propertyEditor = (a, p) => {
    const id = "wf-prop-" + p.name;
    const value = a.Properties[p.name];
    const set = v => { if (v === "" || v === null || (Array.isArray(v) && !v.length)) delete a.Properties[p.name]; else a.Properties[p.name] = v; };
    let input;
    switch (p.kind) {
      case "Boolean":
        input = el("input", { type: "checkbox", id, checked: value === true || value === "true", onchange: e => set(e.target.checked) });
        return el("div", { class: "field" }, el("label", {}, input, " " + p.label));
      case "Choice":
        input = el("select", { id, onchange: e => set(e.target.value) }, el("option", { value: "" }, "—"),
          (p.choices || []).map(c => el("option", { value: c, selected: c === value }, c)));
        break;
      case "List":
        input = el("textarea", { id, rows: 3, onchange: e => { set(e.target.value.split("\n").map(s => s.trim()).filter(Boolean)); render(); } });
        input.value = Array.isArray(value) ? value.join("\n") : value || "";
        break;
      case "Expression":
        input = el("textarea", { id, rows: 2, class: "wf-code", onchange: e => set(e.target.value ? { Expression: e.target.value } : "") });
        input.value = value && typeof value === "object" ? value.Expression || "" : value ?? "";
        break;
      case "Script":
      case "Template":
        input = el("textarea", { id, rows: p.kind === "Script" ? 6 : 3, class: p.kind === "Script" ? "wf-code" : "", onchange: e => set(e.target.value) });
        input.value = value ?? "";
        break;
      default:
        input = el("input", { id, type: p.kind === "Number" ? "number" : "text", onchange: e => set(e.target.value) });
        input.value = value ?? "";
    }
    if (p.required) input.setAttribute("aria-required", "true");
    return field(p.label + (p.required ? " *" : ""), input, p.hint);
  };

  // ---------------------------------------------------------------- editing
  const select = id => {
    selected = id;
    render();
    const node = id && world.querySelector(`.wf-node[data-id="${CSS.escape(id)}"]`);
    if (node) node.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  };

  const connect = (from, outcome, to) => {
    if (!from || !outcome || !to || from === to) return;
    if (!type.Transitions.some(t => t.SourceActivityId === from && t.SourceOutcomeName === outcome && t.DestinationActivityId === to))
      type.Transitions.push({ SourceActivityId: from, SourceOutcomeName: outcome, DestinationActivityId: to });
    render();
  };

  const removeActivity = id => {
    if (!confirm(text.confirmRemove)) return;
    type.Activities = type.Activities.filter(a => a.ActivityId !== id);
    type.Transitions = type.Transitions.filter(t => t.SourceActivityId !== id && t.DestinationActivityId !== id);
    selected = null;
    render();
    canvas.focus();
  };

  const addActivity = name => {
    const rect = canvas.getBoundingClientRect();
    const a = {
      ActivityId: newId(name), Name: name, IsStart: false, Properties: {},
      X: Math.round((rect.width / 2 - view.x) / view.scale - 80 + (type.Activities.length % 5) * 12),
      Y: Math.round((rect.height / 3 - view.y) / view.scale + (type.Activities.length % 5) * 12),
    };
    if (palette.get(name)?.kind === "Event" && !type.Activities.some(x => x.IsStart)) a.IsStart = true;
    type.Activities.push(a);
    select(a.ActivityId);
  };

  const toWorld = e => {
    const rect = canvas.getBoundingClientRect();
    return { x: (e.clientX - rect.left - view.x) / view.scale, y: (e.clientY - rect.top - view.y) / view.scale };
  };

  const startDrag = (e, a, node) => {
    e.stopPropagation();
    const port = e.target.closest(".wf-port");
    if (port) return startWire(e, a, port.dataset.outcome);
    if (selected !== a.ActivityId) { selected = a.ActivityId; renderPanel(); world.querySelectorAll(".wf-selected").forEach(n => n.classList.remove("wf-selected")); node.classList.add("wf-selected"); }
    const start = toWorld(e), origin = { x: a.X, y: a.Y };
    const move = m => {
      const p = toWorld(m);
      a.X = Math.round(origin.x + p.x - start.x);
      a.Y = Math.round(origin.y + p.y - start.y);
      node.style.left = a.X + "px";
      node.style.top = a.Y + "px";
      drawWires();
    };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  const startWire = (e, a, outcome) => {
    const from = portPoint(a.ActivityId, outcome);
    const move = m => drawWires({ from, to: toWorld(m) });
    const up = u => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      const target = document.elementFromPoint(u.clientX, u.clientY)?.closest(".wf-node");
      if (target && target.dataset.id !== a.ActivityId) connect(a.ActivityId, outcome, target.dataset.id);
      else drawWires();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  const zoom = (factor, cx, cy) => {
    const rect = canvas.getBoundingClientRect();
    cx ??= rect.width / 2; cy ??= rect.height / 2;
    const scale = Math.min(2.5, Math.max(0.25, view.scale * factor));
    view.x = cx - (cx - view.x) * scale / view.scale;
    view.y = cy - (cy - view.y) * scale / view.scale;
    view.scale = scale;
    applyView();
  };

  canvas.addEventListener("pointerdown", e => {
    if (e.target !== canvas && e.target !== world && e.target !== wires) return;
    const start = { x: e.clientX - view.x, y: e.clientY - view.y };
    const move = m => { view.x = m.clientX - start.x; view.y = m.clientY - start.y; applyView(); };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
  canvas.addEventListener("wheel", e => {
    e.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1, e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });
  canvas.addEventListener("keydown", e => {
    const a = selected && activity(selected);
    const step = e.shiftKey ? 50 : 10;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === "+" || e.key === "=") zoom(1.2);
    else if (e.key === "-") zoom(1 / 1.2);
    else if (e.key === "0") { view = { x: 0, y: 0, scale: 1 }; applyView(); }
    else if (e.key === "Escape") select(null);
    else if (e.key === "Tab" && type.Activities.length) {
      const i = type.Activities.findIndex(x => x.ActivityId === selected);
      select(type.Activities[(i + (e.shiftKey ? type.Activities.length - 1 : 1)) % type.Activities.length].ActivityId);
    }
    else if (a && moves[e.key]) { a.X += moves[e.key][0]; a.Y += moves[e.key][1]; render(); }
    else if (a && (e.key === "Delete" || e.key === "Backspace")) removeActivity(a.ActivityId);
    else return;
    e.preventDefault();
    canvas.focus();
  });

  // ---------------------------------------------------------------- palette, toolbar, load and save
  const renderPalette = () => {
    const q = $("wf-search").value.trim().toLowerCase();
    const groups = new Map();
    for (const p of palette.values()) {
      if (q && !(p.displayText + " " + p.name + " " + p.description + " " + p.category).toLowerCase().includes(q)) continue;
      if (!groups.has(p.category)) groups.set(p.category, []);
      groups.get(p.category).push(p);
    }
    $("wf-palette-list").replaceChildren(...[...groups].map(([category, items]) => el("section", {},
      el("h3", {}, category),
      items.map(p => el("button", { type: "button", class: "wf-palette-item", "data-name": p.name, title: p.description, onclick: () => addActivity(p.name) }, p.displayText)))));
  };

  const readToolbar = () => {
    type.Name = $("wf-name").value.trim();
    type.IsEnabled = $("wf-enabled").checked;
    type.IsSingleton = $("wf-singleton").checked;
    type.DeleteFinishedWorkflows = $("wf-delete-finished").checked;
  };
  const writeToolbar = () => {
    $("wf-name").value = type.Name || "";
    $("wf-enabled").checked = type.IsEnabled !== false;
    $("wf-singleton").checked = !!type.IsSingleton;
    $("wf-delete-finished").checked = !!type.DeleteFinishedWorkflows;
  };

  const load = json => {
    type = { Activities: [], Transitions: [], ...json };
    for (const a of type.Activities) { a.Properties ??= {}; a.X ??= 0; a.Y ??= 0; }
    selected = null;
    writeToolbar();
    render();
  };

  const check = async () => {
    readToolbar();
    const local = problems();
    let remote = [];
    try { remote = await api("/api/workflows/types/validate", { method: "POST", body: JSON.stringify(type) }); }
    catch (error) { remote = [error.message]; }
    const all = [...new Set([...local, ...remote])];
    say(all.length ? [text.problems, ...all] : [text.valid], all.length ? "error" : "success");
    return all;
  };

  $("wf-search").addEventListener("input", renderPalette);
  $("wf-zoom-in").addEventListener("click", () => zoom(1.2));
  $("wf-zoom-out").addEventListener("click", () => zoom(1 / 1.2));
  $("wf-zoom-reset").addEventListener("click", () => { view = { x: 0, y: 0, scale: 1 }; applyView(); });
  $("wf-validate").addEventListener("click", check);
  $("wf-save").addEventListener("click", async () => {
    if ((await check()).length) return;
    try {
      const saved = await api("/api/workflows/types", { method: "POST", body: JSON.stringify(type) });
      type.WorkflowTypeId = saved.workflowTypeId;
      history.replaceState(null, "", "/admin/workflows/designer/" + encodeURIComponent(saved.workflowTypeId));
      say([text.saved], "success");
    } catch (error) {
      say([text.saveFailed + " " + error.message], "error");
    }
  });
  $("wf-export").addEventListener("click", () => {
    readToolbar();
    const blob = new Blob([JSON.stringify(type, null, 2)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: (type.Name || "workflow") + ".json" });
    document.body.append(link);
    link.click();
    link.remove();
  });
  $("wf-import").addEventListener("change", async e => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      const json = JSON.parse(await file.text());
      if (!json || !Array.isArray(json.Activities)) throw new Error("Activities");
      load(json);
      await check();
    } catch (error) {
      say([text.badJson + " " + error.message], "error");
    }
    e.target.value = "";
  });

  (async () => {
    const entries = await api("/api/workflows/activities");
    palette = new Map(entries.map(p => [p.name, p]));
    renderPalette();
    if (root.dataset.typeId) load(await api("/api/workflows/types/" + encodeURIComponent(root.dataset.typeId)));
    else load(type);
    const instance = new URLSearchParams(location.search).get("instance");
    if (instance) {
      const detail = await api("/api/workflows/instances/" + encodeURIComponent(instance));
      trace = { executed: new Set(detail.state.executed.map(x => x.activityId)), waiting: new Set(detail.blocking) };
      render();
    }
    applyView();
    root.dataset.ready = "true";
  })().catch(error => say([error.message], "error"));
})();
