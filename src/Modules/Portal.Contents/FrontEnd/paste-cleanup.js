// Pasted HTML from Word, WPS, WeChat articles and web pages, reduced to structure before the editor reads it:
// no styles, classes, ids, spans, fonts, Office markup, comments or empty paragraphs. The editor's schema then
// keeps only what it knows, and the server's sanitizer stays the authority on what is stored.

const DROP = new Set(["SCRIPT", "STYLE", "META", "LINK", "TITLE", "XML", "TEMPLATE", "OBJECT", "EMBED", "IFRAME", "NOSCRIPT", "SVG", "MATH", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "FORM"]);
const UNWRAP = new Set(["SPAN", "FONT", "BIG", "SMALL", "MARK", "INS", "DEL", "LABEL", "ABBR", "BDI", "BDO"]);
// Layout boxes (WeChat articles nest <section>s): a paragraph when they hold only text, unwrapped when they hold blocks.
const BOXES = new Set(["DIV", "SECTION", "ARTICLE", "CENTER", "MAIN", "HEADER", "FOOTER", "ASIDE"]);
const BLOCKS = "p,h1,h2,h3,h4,h5,h6,ul,ol,table,blockquote,pre,figure,hr,div,section,article,center,main,header,footer,aside";
const KEEP_ATTRIBUTES = { A: ["href"], IMG: ["src", "alt"], TD: ["colspan", "rowspan"], TH: ["colspan", "rowspan"], OL: ["start"] };
const BLANK = /^[\s\u00a0\u3000\u200b]*$/;

export function cleanPastedHtml(html) {
  // Office puts its markup in conditional comments; remove them before parsing.
  html = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "");
  // Parsing inherits the page's CSP, which refuses inline styles (and reports each); the DOM walk below removes any left.
  html = html.replace(/<style[\s\S]*?<\/style\s*>/gi, "").replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
  const doc = new DOMParser().parseFromString(html, "text/html");
  clean(doc.body, 0);
  return doc.body.innerHTML;
}

function clean(parent, depth) {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.COMMENT_NODE || node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) { node.remove(); continue; }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.tagName.toUpperCase();
    if (DROP.has(tag) || depth > 100) { node.remove(); continue; }
    clean(node, depth + 1);
    // Google Docs wraps the whole selection in <b id="docs-internal-guid-...">; Office namespaces (o:, v:, w:) carry no text structure.
    if (UNWRAP.has(tag) || tag.includes(":") || (tag === "B" && (node.id || "").startsWith("docs-internal-guid"))) {
      node.replaceWith(...node.childNodes);
      continue;
    }
    if (BOXES.has(tag)) {
      if (node.querySelector(BLOCKS) || BLANK.test(node.textContent)) node.replaceWith(...node.childNodes);
      else {
        const p = node.ownerDocument.createElement("p");
        p.append(...node.childNodes);
        node.replaceWith(p);
      }
      continue;
    }
    const keep = KEEP_ATTRIBUTES[tag] || [];
    for (const attribute of Array.from(node.attributes)) {
      if (!keep.includes(attribute.name.toLowerCase())) node.removeAttribute(attribute.name);
    }
    if ((tag === "P" || /^H[1-6]$/.test(tag) || tag === "LI" || tag === "BLOCKQUOTE") && BLANK.test(node.textContent) && !node.querySelector("img")) {
      node.remove();
    }
  }
}
