// “Insert gallery” in the story body editor's menu: a dialog listing galleries
// (from ArticleAdmin.gallery_picker_view) that places the chosen one's
// [gallery:slug] at the cursor as a paragraph of its own. django-prose-editor
// imports this module for the GalleryPicker extension named in the field's config.
import { crel, Extension } from "django-prose-editor/editor"

const SEARCH_DELAY_MS = 250
let dialogCount = 0

// The story page finds a gallery only in a top-level <p>, so a cursor inside a
// list or quote places it after that block; one inside a paragraph splits it.
function insertPlaceholder(editor, placeholder) {
  return editor
    .chain()
    .focus()
    .command(({ tr, state, commands }) => {
      const { schema } = state
      const paragraph = schema.nodes.paragraph.create(null, schema.text(placeholder))
      const $pos = tr.doc.resolve(tr.selection.to)
      let from = $pos.pos
      let to = from
      if ($pos.depth > 0) {
        const block = $pos.node(1)
        if (block.isTextblock && block.content.size === 0) {
          from = $pos.before(1)
          to = $pos.after(1)
        } else if ($pos.depth === 1 && $pos.parentOffset === 0) {
          from = to = $pos.before(1)
        } else if ($pos.depth === 1 && $pos.parentOffset < block.content.size) {
          tr.split($pos.pos)
          from = to = $pos.pos + 1
        } else {
          from = to = $pos.after(1)
        }
      }
      tr.replaceWith(from, to, paragraph)
      const after = from + paragraph.nodeSize
      const next = tr.doc.resolve(after).nodeAfter
      return commands.setTextSelection(next?.isTextblock ? after + 1 : after - 1)
    })
    .run()
}

function parseFragment(html) {
  return new DOMParser().parseFromString(html, "text/html").body
}

function createPicker(editor, url, opener) {
  const id = `gallery-picker-${++dialogCount}`
  const search = crel("input", {
    type: "search",
    id: `${id}-search`,
    autocomplete: "off",
    autofocus: true,
  })
  const status = crel("p", { className: "gallery-picker__status", role: "status" })
  const results = crel("div", { className: "gallery-picker__results" })
  const close = crel("button", {
    type: "button",
    className: "gallery-picker__close",
    textContent: "Close without inserting",
  })
  const dialog = crel(
    "dialog",
    { className: "gallery-picker", "aria-labelledby": `${id}-title` },
    [
      crel("h2", { id: `${id}-title`, textContent: "Insert a gallery" }),
      crel("p", {
        className: "gallery-picker__help",
        textContent:
          "The gallery you choose goes in at the cursor, as a paragraph of its own. " +
          "Galleries without photos cannot be placed.",
      }),
      crel("label", { htmlFor: search.id, textContent: "Search galleries by title" }),
      search,
      status,
      results,
      close,
    ],
  )
  // Outside the story form, so that Enter in the search box submits nothing.
  document.body.append(dialog)

  let inserted = false
  let request = null
  let timer = null

  async function load(page = 1) {
    request?.abort()
    request = new AbortController()
    const params = new URLSearchParams({ q: search.value.trim(), page })
    status.textContent = "Loading galleries…"
    let fragment
    try {
      const response = await fetch(`${url}?${params}`, {
        signal: request.signal,
        credentials: "same-origin",
      })
      if (!response.ok) throw new Error(`${response.status}`)
      fragment = parseFragment(await response.text())
    } catch (error) {
      if (error.name !== "AbortError") {
        status.textContent = "The galleries could not be loaded. Try again."
      }
      return
    }
    status.textContent =
      fragment.querySelector(".gallery-picker__summary")?.textContent ?? ""
    const list = fragment.querySelector(".gallery-picker__list")
    const more = fragment.querySelector(".gallery-picker__more")
    if (page === 1) {
      results.replaceChildren(list)
    } else {
      results.querySelector(".gallery-picker__more")?.remove()
      const items = [...list.children]
      results.querySelector(".gallery-picker__list").append(...items)
      items[0]?.querySelector("button, a")?.focus()
    }
    if (more) results.append(more)
  }

  search.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(load, SEARCH_DELAY_MS)
  })
  results.addEventListener("click", (event) => {
    const choice = event.target.closest(".gallery-picker__choose")
    const more = event.target.closest(".gallery-picker__more")
    if (choice) {
      inserted = true
      dialog.close()
      insertPlaceholder(editor, choice.dataset.placeholder)
    } else if (more) {
      load(Number(more.dataset.page))
    }
  })
  close.addEventListener("click", () => dialog.close())
  // In a search box the first Escape would only empty it; here it always closes.
  search.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault()
      dialog.close()
    }
  })
  dialog.addEventListener("close", () => {
    // Back to where the editor was: the text after an insert, else the button.
    if (inserted) editor.commands.focus()
    else opener.focus()
  })

  return {
    open() {
      inserted = false
      clearTimeout(timer)
      search.value = ""
      results.replaceChildren()
      dialog.showModal()
      search.focus()
      load()
    },
  }
}

export const GalleryPicker = Extension.create({
  name: "galleryPicker",

  addOptions() {
    return { url: "" }
  },

  addMenuItems({ menu, buttons }) {
    const button = buttons.text("Insert gallery", "Insert gallery")
    let picker = null
    menu.defineItem({
      name: "galleryPicker",
      groups: "nodes",
      button,
      enabled: (editor) => editor.isEditable,
      command: (editor) => {
        picker ??= createPicker(editor, this.options.url, button)
        picker.open()
      },
    })
  },
})
