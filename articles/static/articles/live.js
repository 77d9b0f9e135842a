// A live story's page asks every few seconds for its newest updates: one answer
// shared by every reader, which a CDN can keep. New updates wait behind a
// "N new updates" button, so the text never moves under the reader's eyes; an
// update already shown that an editor corrected, and the key events summary, are
// replaced where they stand. Once the editor ends the coverage the page stops
// asking. Without this script a reload shows all of it.
const live = document.querySelector(".live[data-poll-url]");

if (live) {
  const list = live.querySelector(".live__updates");
  const notice = live.querySelector(".live__new");
  const interval = Number(live.dataset.pollSeconds) * 1000;
  const shown = () =>
    new Set([...list.querySelectorAll("[data-update]")].map((el) => el.dataset.update));
  let waiting = []; // {id, html} of new updates, newest first
  let missedSome = false; // more came than one answer holds: reload instead
  let button = null;

  const showButton = () => {
    if (!waiting.length) {
      return;
    }
    button ??= notice.appendChild(document.createElement("button"));
    button.type = "button";
    button.className = "live__new-button";
    const count = waiting.length;
    // The page's own words, in the story's language (live_updates.html).
    button.textContent =
      count === 1 ? live.dataset.newOne : live.dataset.newMany.replace("{count}", count);
  };

  const showUpdates = () => {
    if (missedSome) {
      window.location.reload();
      return;
    }
    list.querySelector(".live-update--none")?.remove();
    const updates = fromHtml(waiting.map((update) => update.html).join(""));
    const first = updates.firstElementChild;
    list.prepend(updates);
    waiting = [];
    button.remove();
    button = null;
    first.tabIndex = -1;
    first.focus();
  };

  notice.addEventListener("click", (event) => {
    if (event.target === button) {
      showUpdates();
    }
  });

  const fromHtml = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  };

  // Each update and the summary carry a digest of what they show (data-digest).
  const replaceEdited = (answer) => {
    for (const update of answer.updates) {
      const old = list.querySelector(`[data-update="${update.id}"]`);
      if (old && old.dataset.digest !== update.digest) {
        const corrected = fromHtml(update.html).firstElementChild;
        const hadFocus = old === document.activeElement;
        old.replaceWith(corrected);
        if (hadFocus) {
          corrected.tabIndex = -1;
          corrected.focus();
        }
      }
    }
    const keyEvents = live.querySelector(".live__key-events");
    if ((keyEvents?.dataset.digest ?? "") !== answer.key_events.digest) {
      const summary = fromHtml(answer.key_events.html);
      if (keyEvents) {
        keyEvents.replaceWith(summary);
      } else {
        notice.before(summary);
      }
    }
  };

  const receive = (answer) => {
    replaceEdited(answer);
    const known = shown();
    const ids = answer.updates.map((update) => String(update.id));
    if (known.size && answer.updates.length && !ids.some((id) => known.has(id))) {
      missedSome = true;
    }
    const latest = new Map(answer.updates.map((update) => [String(update.id), update]));
    // An update corrected while it waits is shown as corrected.
    waiting = waiting.map((update) => ({
      ...update,
      html: latest.get(update.id)?.html ?? update.html,
    }));
    const waitingIds = new Set(waiting.map((update) => update.id));
    const fresh = answer.updates.filter(
      (update) => !known.has(String(update.id)) && !waitingIds.has(String(update.id)),
    );
    waiting = [
      ...fresh.map((update) => ({ id: String(update.id), html: update.html })),
      ...waiting,
    ];
    showButton();
    return answer.live;
  };

  const poll = () => {
    if (document.hidden) {
      setTimeout(poll, interval);
      return;
    }
    fetch(live.dataset.pollUrl, { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`${response.status} ${response.statusText}`);
        }
        return response.json();
      })
      .then((answer) => {
        if (receive(answer)) {
          setTimeout(poll, interval);
        } else {
          live.dataset.ended = "";
          live.querySelector(".live__title").textContent = live.dataset.endedTitle;
        }
      })
      .catch(() => setTimeout(poll, interval)); // Try again at the next turn.
  };

  setTimeout(poll, interval);
}
