// The GraphQL explorer (/admin/graphql): a query editor with suggestions read from the schema's introspection, a
// variables editor, and the answer of /api/graphql with its HTTP status. Requests carry the signed-in user's cookie,
// so they run exactly as that user's own requests to the endpoint do.
import { completionContext, suggestionsFor } from "./explorer-completion.js";

const IntrospectionQuery = `query ExplorerSchema {
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      fields { name type { ...TypeRef } args { name type { ...TypeRef } } }
      inputFields { name type { ...TypeRef } }
      enumValues { name }
    }
  }
}
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const MaxSuggestions = 50;
const MirroredStyles = ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "tabSize", "paddingTop", "paddingRight",
  "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "boxSizing"];

const root = document.getElementById("graphql-explorer");
if (root) start(root);

function start(root) {
  const endpoint = root.dataset.endpoint;
  const text = (key, value) => (root.dataset["text" + key] ?? "").replace("{0}", value ?? "");
  const query = document.getElementById("graphql-query");
  const list = document.getElementById("graphql-suggestions");
  const announcer = document.getElementById("graphql-announcer");
  const variables = document.getElementById("graphql-variables");
  const variablesError = document.getElementById("graphql-variables-error");
  const run = document.getElementById("graphql-run");
  const status = document.getElementById("graphql-status");
  const result = document.getElementById("graphql-result");

  let schema = null;
  let mirror = null;
  let open = { items: [], active: -1, start: 0, end: 0 };

  post(endpoint, { query: IntrospectionQuery, operationName: "ExplorerSchema" })
    .then(({ body }) => {
      if (!body?.data?.__schema) throw new Error("no schema");
      schema = indexSchema(body.data.__schema);
      root.dataset.schema = "ready";
    })
    .catch(() => {
      root.dataset.schema = "unavailable";
      announcer.textContent = text("NoSchema");
    });

  query.addEventListener("keydown", event => {
    // While an input method composes (pinyin, zhuyin), Enter and the arrows belong to it.
    if (event.isComposing) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      close();
      execute();
      return;
    }
    if (event.key === " " && event.ctrlKey) {
      event.preventDefault();
      suggest(true);
      return;
    }
    if (open.items.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((open.active + step + open.items.length) % open.items.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      accept(open.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  query.addEventListener("input", event => { if (!event.isComposing) suggest(false); });
  query.addEventListener("blur", () => close());
  query.addEventListener("click", () => close());
  // mousedown, not click: the textarea keeps the focus (and its caret) while an option is chosen with the mouse.
  list.addEventListener("mousedown", event => {
    const option = event.target.closest("[role=option]");
    if (!option) return;
    event.preventDefault();
    accept(Number(option.dataset.index));
  });
  run.addEventListener("click", () => execute());
  variables.addEventListener("keydown", event => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      execute();
    }
  });
  variables.addEventListener("input", () => showVariablesError(null));

  function suggest(explicit) {
    if (!schema) return close();
    const caret = query.selectionStart;
    if (caret !== query.selectionEnd) return close();
    const source = query.value;
    let start = caret;
    while (start > 0 && /[_0-9A-Za-z]/.test(source[start - 1])) start--;
    const prefix = source.slice(start, caret);
    if (!explicit && (prefix.length === 0 || /^[0-9]/.test(prefix))) return close();
    const context = completionContext(schema, source.slice(0, start));
    const lower = prefix.toLowerCase();
    const items = suggestionsFor(schema, context)
      .filter(s => s.name.toLowerCase().startsWith(lower) && s.name !== prefix)
      .slice(0, MaxSuggestions);
    if (items.length === 0) return close();
    open = { items, active: 0, start, end: caret };
    list.replaceChildren(...items.map((item, index) => {
      const option = document.createElement("li");
      option.id = "graphql-suggestion-" + index;
      option.setAttribute("role", "option");
      option.dataset.index = String(index);
      const name = document.createElement("span");
      name.className = "suggestion-name";
      name.textContent = item.name;
      option.append(name);
      if (item.detail) {
        const detail = document.createElement("span");
        detail.className = "suggestion-detail";
        detail.textContent = item.detail;
        option.append(" ", detail);
      }
      return option;
    }));
    list.hidden = false;
    place(start);
    highlight(0);
    announcer.textContent = text("Suggestions", String(items.length));
  }

  // Under the caret's line: a copy of the textarea's text up to the name, laid out alike, says where that is.
  function place(index) {
    const style = getComputedStyle(query);
    mirror ??= query.parentElement.appendChild(Object.assign(document.createElement("div"), { className: "caret-mirror" }));
    mirror.setAttribute("aria-hidden", "true");
    for (const property of MirroredStyles) mirror.style[property] = style[property];
    mirror.style.width = style.width;
    mirror.textContent = query.value.slice(0, index);
    const marker = mirror.appendChild(document.createElement("span"));
    marker.textContent = "\u200b";
    const lineHeight = parseFloat(style.lineHeight) || marker.offsetHeight;
    const top = query.offsetTop + marker.offsetTop - query.scrollTop + lineHeight + 4;
    const left = Math.min(query.offsetLeft + marker.offsetLeft - query.scrollLeft, query.offsetLeft + query.clientWidth - list.offsetWidth);
    list.style.top = Math.min(top, query.offsetTop + query.offsetHeight) + "px";
    list.style.left = Math.max(query.offsetLeft, left) + "px";
  }

  function highlight(index) {
    open.active = index;
    for (const option of list.children) option.setAttribute("aria-selected", String(Number(option.dataset.index) === index));
    const current = list.children[index];
    query.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  }

  function accept(index) {
    const item = open.items[index];
    if (!item) return close();
    const { start, end } = open;
    close();
    query.setRangeText(item.name, start, end, "end");
    query.focus();
  }

  function close() {
    open = { items: [], active: -1, start: 0, end: 0 };
    list.hidden = true;
    list.replaceChildren();
    query.removeAttribute("aria-activedescendant");
  }

  function showVariablesError(message) {
    variablesError.textContent = message ?? "";
    variablesError.hidden = !message;
    if (message) variables.setAttribute("aria-invalid", "true");
    else variables.removeAttribute("aria-invalid");
  }

  async function execute() {
    let parsed = null;
    const json = variables.value.trim();
    if (json.length > 0) {
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        showVariablesError(text("InvalidJson", error.message));
        variables.focus();
        return;
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        showVariablesError(text("NotObject"));
        variables.focus();
        return;
      }
    }
    showVariablesError(null);
    run.disabled = true;
    root.setAttribute("aria-busy", "true");
    status.textContent = text("Running");
    try {
      const { response, body, raw } = await post(endpoint, { query: query.value, variables: parsed });
      status.textContent = text("Status", `${response.status} ${response.statusText}`.trim());
      result.textContent = body === undefined ? raw : JSON.stringify(body, null, 2);
      result.dataset.status = String(response.status);
    } catch (error) {
      status.textContent = text("Network", error.message);
      result.textContent = "";
      delete result.dataset.status;
    } finally {
      run.disabled = false;
      root.removeAttribute("aria-busy");
    }
  }
}

async function post(endpoint, payload) {
  const response = await fetch(endpoint, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify(payload),
  });
  const raw = await response.text();
  let body;
  try {
    body = raw.length > 0 ? JSON.parse(raw) : undefined;
  } catch {
    body = undefined; // not JSON (a proxy's error page): shown as it came
  }
  return { response, body, raw };
}

/** The introspection result as lookups: types by name, and the root operation types. */
function indexSchema(raw) {
  const types = new Map(raw.types.map(t => [t.name, t]));
  return { types, query: raw.queryType?.name, mutation: raw.mutationType?.name };
}
