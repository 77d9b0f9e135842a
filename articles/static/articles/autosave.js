// Autosave of the story form: every data-seconds, if the form changed since the
// last autosave, its values go to data-url (the story is not saved). An autosave
// left from a closed tab is offered back by the notice the server renders.
"use strict";
{
  // The fields the form would send, except the token.
  function isSent(element) {
    return (
      element.name &&
      element.name !== "csrfmiddlewaretoken" &&
      !element.disabled &&
      !element.name.includes("__prefix__") &&
      !["file", "submit", "button", "reset"].includes(element.type)
    );
  }

  // Hidden inputs are the admin's own bookkeeping (inline row ids, formset
  // counts) and stay as the page has them; opened_as is restored, so that a save
  // after restoring is still refused if someone saved the story meanwhile.
  function isRestored(element) {
    return isSent(element) && (element.type !== "hidden" || element.name === "opened_as");
  }

  function snapshot(form) {
    const fields = {};
    const labels = {};
    for (const element of form.elements) {
      if (!isSent(element)) continue;
      const values = (fields[element.name] ??= []);
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) values.push(element.value);
      } else if (element.tagName === "SELECT") {
        for (const option of element.selectedOptions) {
          values.push(option.value);
          (labels[element.name] ??= {})[option.value] = option.textContent;
        }
      } else {
        values.push(element.value);
      }
    }
    return { fields, labels };
  }

  // Inline rows added after the page loaded ("Add another") are added again.
  function addInlineRows(form, fields) {
    for (const total of form.querySelectorAll('input[name$="-TOTAL_FORMS"]')) {
      const prefix = total.name.slice(0, -"-TOTAL_FORMS".length);
      const wanted = Number((fields[total.name] ?? [])[0] ?? 0);
      const add = document.querySelector(`#${CSS.escape(prefix)}-group .add-row a`);
      while (add && Number(total.value) < wanted) {
        const before = total.value;
        add.click();
        if (total.value === before) break;
      }
    }
  }

  function restore(form, { fields, labels }) {
    addInlineRows(form, fields);
    const seen = {};
    for (const element of form.elements) {
      if (!isRestored(element)) continue;
      const values = fields[element.name];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = (values ?? []).includes(element.value);
      } else if (values === undefined) {
        continue;
      } else if (element.tagName === "SELECT") {
        // Autocomplete selects hold only the options chosen when the page was made.
        const present = new Set(Array.from(element.options, (option) => option.value));
        for (const value of values) {
          if (!present.has(value)) {
            const label = labels?.[element.name]?.[value] ?? value;
            element.add(new Option(label, value));
          }
        }
        for (const option of element.options) {
          option.selected = values.includes(option.value);
        }
        // The autocomplete widget (select2) redraws on change.
        element.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        const index = seen[element.name] ?? 0;
        seen[element.name] = index + 1;
        if (index >= values.length) continue;
        element.value = values[index];
        // The rich-text editor keeps its HTML in this textarea; the editor itself
        // (tiptap, which hangs on its editable element) is given the content too.
        const wrapper = element.closest(".prose-editor");
        const editable = wrapper?.querySelector(".ProseMirror[contenteditable]");
        editable?.editor?.commands.setContent(values[index]);
      }
    }
  }

  async function post(url, form, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
      },
      body,
      credentials: "same-origin",
      // A redirect is the login page: the session ended.
      redirect: "error",
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(answer.error ?? `the server answered ${response.status}`);
    }
    return answer;
  }

  function start() {
    const box = document.getElementById("autosave");
    if (!box) return;
    const form = box.closest("form");
    const status = document.getElementById("autosave-status");
    const seconds = Number(box.dataset.seconds) || 30;
    let last = JSON.stringify(snapshot(form));
    let busy = false;
    let submitting = false;

    function say(text, failed = false) {
      status.textContent = text;
      status.classList.toggle("autosave-failed", failed);
    }

    async function autosave() {
      if (busy || submitting) return;
      const current = JSON.stringify(snapshot(form));
      if (current === last) return;
      busy = true;
      try {
        const answer = await post(box.dataset.url, form, current);
        last = current;
        say(`Autosaved at ${answer.time}`);
      } catch (error) {
        say(`Autosave failed: your changes are not yet saved (${error.message}).`, true);
      } finally {
        busy = false;
      }
    }

    const timer = setInterval(autosave, seconds * 1000);
    form.addEventListener("submit", () => {
      // The save replaces any autosave; one sent now could outlive it.
      submitting = true;
      clearInterval(timer);
    });

    const notice = box.querySelector(".autosave-notice");
    if (!notice) return;
    const data = JSON.parse(document.getElementById("autosave-data").textContent);
    notice.addEventListener("click", async (event) => {
      const action = event.target.dataset.autosave;
      if (action === "restore") {
        restore(form, data);
        notice.remove();
        say("Restored the autosaved changes: save the story to keep them.");
      } else if (action === "discard") {
        try {
          await post(box.dataset.discardUrl, form, "{}");
          notice.remove();
          say("Discarded the autosaved changes.");
        } catch (error) {
          say(`Could not discard the autosaved changes (${error.message}).`, true);
        }
      }
    });
  }

  // After the rich-text editor and autocomplete widgets have set up, so the
  // starting point is the form as it stands.
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
}
