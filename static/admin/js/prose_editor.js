/* The body editor in German and within the CSP: our preset for django-prose-editor.

   It builds the same editor as the package's "configurable" preset from the extensions the
   server lists (news/text.py), and adds one extension that
   - names every toolbar button and menu entry in German (the package labels them in English
     without a translation hook), and
   - keeps Tiptap from injecting a <style> element, which the CSP blocks; the rules it
     carried are in admin/css/prose_editor.css.
   The dialogs ask window.gettext, which prose_editor_gettext_de.js prepares. */
import * as prose from "django-prose-editor/editor"

const CONFIG_ATTRIBUTE = "data-django-prose-editor-kldigital"

const BUTTON_LABELS = {
  heading2: "Zwischenüberschrift",
  heading3: "Unterüberschrift",
  heading4: "Unterüberschrift, 2. Stufe",
  paragraph: "Absatz",
  bulletList: "Aufzählung",
  orderedList: "Nummerierte Liste",
  orderedListProperties: "Listeneinstellungen",
  blockquote: "Zitat",
  bold: "Fett",
  italic: "Kursiv",
  subscript: "Tiefgestellt",
  superscript: "Hochgestellt",
  link: "Link einfügen (Strg+K)",
  unlink: "Link entfernen",
  "history:undo": "Rückgängig (Strg+Z)",
  "history:redo": "Wiederholen (Strg+Umschalt+Z)",
}

const GermanEditor = prose.Extension.create({
  name: "germanEditor",

  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },

  // Runs after the menu's own items and the link's are defined (this extension comes last).
  addMenuItems({ _definedItems: items }) {
    for (const [name, item] of Object.entries(items)) {
      const label = BUTTON_LABELS[name]
      if (!label) continue
      item.button?.setAttribute("title", label)
      item.button?.setAttribute("aria-label", label)
      if (item.option) item.option.textContent = label.replace(/ \(Strg.*\)$/, "")
    }
  },
})

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(CONFIG_ATTRIBUTE))
  const extensions = Object.entries(config.extensions).map(([name, options]) =>
    typeof options === "object" ? prose[name].configure(options) : prose[name],
  )
  return prose.createTextareaEditor(textarea, [...extensions, GermanEditor])
}

prose.initializeEditors(createEditor, `[${CONFIG_ATTRIBUTE}]`)
