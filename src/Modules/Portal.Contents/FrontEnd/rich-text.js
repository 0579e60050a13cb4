// The rich-text editor of HTML fields (RichTextEditor.cs draws the text area, toolbar and dialogs). The text area
// stays the form's value: every change is written back to it, so saving, autosave and pages without scripts work
// alike. No inline styles or scripts are needed (the site's CSP allows neither).
import { Editor } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { cleanPastedHtml } from "./paste-cleanup.js";
import { openMediaPicker } from "./media-picker.js";

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

const commands = {
  paragraph: e => e.chain().focus().setParagraph().run(),
  heading2: e => e.chain().focus().toggleHeading({ level: 2 }).run(),
  heading3: e => e.chain().focus().toggleHeading({ level: 3 }).run(),
  bold: e => e.chain().focus().toggleBold().run(),
  italic: e => e.chain().focus().toggleItalic().run(),
  bulletList: e => e.chain().focus().toggleBulletList().run(),
  orderedList: e => e.chain().focus().toggleOrderedList().run(),
  blockquote: e => e.chain().focus().toggleBlockquote().run(),
  table: e => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  addRowAfter: e => e.chain().focus().addRowAfter().run(),
  addColumnAfter: e => e.chain().focus().addColumnAfter().run(),
  deleteRow: e => e.chain().focus().deleteRow().run(),
  deleteColumn: e => e.chain().focus().deleteColumn().run(),
  deleteTable: e => e.chain().focus().deleteTable().run(),
  undo: e => e.chain().focus().undo().run(),
  redo: e => e.chain().focus().redo().run(),
};

// Which buttons show a pressed state, and when.
const pressed = {
  paragraph: e => e.isActive("paragraph"),
  heading2: e => e.isActive("heading", { level: 2 }),
  heading3: e => e.isActive("heading", { level: 3 }),
  bold: e => e.isActive("bold"),
  italic: e => e.isActive("italic"),
  bulletList: e => e.isActive("bulletList"),
  orderedList: e => e.isActive("orderedList"),
  blockquote: e => e.isActive("blockquote"),
  link: e => e.isActive("link"),
};

function setUp(wrapper) {
  const textarea = wrapper.querySelector("textarea");
  const toolbar = wrapper.querySelector("[role=toolbar]");
  const form = wrapper.closest("form");
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = textarea.id + "-label";

  const area = document.createElement("div");
  area.className = "rich-text-area";
  textarea.after(area);

  const editor = new Editor({
    element: area,
    content: textarea.value,
    injectCSS: false, // its <style> element would break the CSP; admin.css styles the editor
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, autolink: true, protocols: ["mailto", "tel"], isAllowedUri: url => SAFE_LINK.test(url) } }),
      Image.configure({ inline: false }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    editorProps: {
      attributes: {
        id: textarea.id + "-editor",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : {}),
        ...(textarea.getAttribute("aria-describedby") ? { "aria-describedby": textarea.getAttribute("aria-describedby") } : {}),
        ...(textarea.getAttribute("aria-invalid") ? { "aria-invalid": "true" } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_, event) => {
        if ((event.altKey && event.key === "F10") || event.key === "Escape") {
          event.preventDefault();
          focusTool(currentTool());
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor }) => {
      // The editor keeps an empty paragraph where the cursor can go on writing; it is not part of the text.
      textarea.value = editor.isEmpty ? "" : editor.getHTML().replace(/(<p><\/p>)+$/, "");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onSelectionUpdate: () => refresh(),
    onTransaction: () => refresh(),
  });

  textarea.hidden = true;
  toolbar.hidden = false;
  wrapper.querySelector(".rich-text-keys").hidden = false;
  if (label) label.addEventListener("click", e => { if (textarea.hidden) { e.preventDefault(); editor.commands.focus(); } });

  // The toolbar is one tab stop; arrow keys, Home and End move along it (roving tabindex).
  const buttons = Array.from(toolbar.querySelectorAll("button"));
  const visible = () => buttons.filter(b => !b.hidden);
  let current = 0;
  const currentTool = () => visible()[Math.min(current, visible().length - 1)];
  function focusTool(button) {
    buttons.forEach(b => (b.tabIndex = -1));
    button.tabIndex = 0;
    current = visible().indexOf(button);
    button.focus();
  }
  buttons.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  toolbar.addEventListener("keydown", event => {
    const list = visible();
    const index = list.indexOf(document.activeElement);
    const moves = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusTool(list[(moves[event.key] + list.length) % list.length]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      editor.commands.focus();
    }
  });

  toolbar.addEventListener("click", async event => {
    const button = event.target.closest("button[data-command]");
    if (!button) return;
    current = visible().indexOf(button);
    const command = button.dataset.command;
    if (command === "link") return editLink();
    if (command === "image") return insertImage();
    if (command === "source") return toggleSource(button);
    commands[command]?.(editor);
  });

  function refresh() {
    const inTable = editor.isActive("table");
    const source = !textarea.hidden;
    for (const button of buttons) {
      const command = button.dataset.command;
      if (button.dataset.tableOnly) button.hidden = !inTable || source;
      if (pressed[command]) button.setAttribute("aria-pressed", String(!source && pressed[command](editor)));
      if (command !== "source") button.disabled = source;
    }
  }

  function toggleSource(button) {
    const showing = textarea.hidden;
    if (showing) {
      textarea.hidden = false;
      area.hidden = true;
      textarea.focus();
    } else {
      editor.commands.setContent(textarea.value, { emitUpdate: false });
      textarea.hidden = true;
      area.hidden = false;
      editor.commands.focus();
    }
    button.setAttribute("aria-pressed", String(showing));
    refresh();
  }

  function editLink() {
    const dialog = wrapper.querySelector("dialog.rich-text-dialog");
    const input = dialog.querySelector("input");
    const error = dialog.querySelector(".field-error");
    input.value = editor.getAttributes("link").href || "";
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    const controller = new AbortController();
    const done = () => { controller.abort(); if (dialog.open) dialog.close(); editor.commands.focus(); };
    dialog.addEventListener("click", event => {
      const action = event.target.closest("[data-link]")?.dataset.link;
      if (action === "cancel") done();
      if (action === "remove") { editor.chain().focus().extendMarkRange("link").unsetLink().run(); done(); }
      if (action === "apply") {
        const href = input.value.trim();
        if (!SAFE_LINK.test(href)) {
          error.textContent = wrapper.dataset.msgLinkInvalid;
          input.setAttribute("aria-invalid", "true");
          input.focus();
          return;
        }
        if (editor.state.selection.empty && !editor.isActive("link"))
          editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
        else editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
        done();
      }
    }, { signal: controller.signal });
    input.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); dialog.querySelector("[data-link=apply]").click(); } }, { signal: controller.signal });
    dialog.addEventListener("cancel", done, { signal: controller.signal });
    dialog.showModal();
    input.focus();
  }

  async function insertImage() {
    const picked = await openMediaPicker(wrapper.querySelector("dialog.media-picker"), form);
    if (picked) editor.chain().focus().setImage({ src: picked.url, alt: picked.alt }).run();
    else editor.commands.focus();
  }

  refresh();
  wrapper.editor = editor; // for tests and other scripts on the page
}

document.querySelectorAll("[data-rich-text]").forEach(setUp);
