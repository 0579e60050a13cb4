// The item editor's enhancements: the media library picker on image rows, and autosave of drafts.
import { openMediaPicker } from "./media-picker.js";
import { startAutosave } from "./autosave.js";

document.querySelectorAll("[data-media-row]").forEach(row => {
  const button = row.querySelector("[data-media-pick]");
  const dialog = document.getElementById(row.dataset.mediaRow);
  if (!button || !dialog) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const picked = await openMediaPicker(dialog, row.closest("form"));
    if (picked) {
      const path = row.querySelector("[data-media=Paths]");
      const alt = row.querySelector("[data-media=MediaTexts]");
      path.value = picked.path;
      if (!alt.value) alt.value = picked.alt;
      path.dispatchEvent(new Event("input", { bubbles: true }));
    }
    button.focus();
  });
});

const form = document.querySelector("form[data-autosave-url]");
if (form) startAutosave(form);
