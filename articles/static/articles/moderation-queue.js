// The moderation queue from the keyboard (the keys are listed above the queue):
// j and k move between comments, a approves (or keeps a reported comment that is
// still shown), s marks spam, r then a number rejects for that reason, Escape
// cancels. The keys press the row's own buttons, so each decision is the same POST
// a click makes; the page that comes back keeps the place in the queue.
document.addEventListener("DOMContentLoaded", () => {
  const rows = [...document.querySelectorAll("#result_list tbody tr")].filter((row) =>
    row.querySelector(".field-moderate button"),
  );
  const help = document.querySelector(".queue-shortcuts");
  if (!rows.length || !help) {
    return;
  }
  const placeKey = `moderation-queue:${location.pathname}${location.search}`;
  const status = help.querySelector("[role=status]");
  let current = Math.min(Number(sessionStorage.getItem(placeKey)) || 0, rows.length - 1);
  let rejecting = false;

  function show(index) {
    rows[current].classList.remove("queue-current");
    current = Math.max(0, Math.min(index, rows.length - 1));
    rows[current].classList.add("queue-current");
    rows[current].scrollIntoView({ block: "nearest" });
    sessionStorage.setItem(placeKey, current);
  }

  function press(name) {
    const button = [...rows[current].querySelectorAll(".field-moderate button")].find(
      (candidate) => candidate.textContent.trim() === name,
    );
    if (button) {
      button.click();
    }
    return Boolean(button);
  }

  function say(text) {
    status.textContent = text;
  }

  show(current);
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.target.closest("input:not([type=checkbox]), textarea, select")) {
      return;
    }
    const key = event.key;
    if (rejecting) {
      rejecting = false;
      const select = rows[current].querySelector(".field-moderate select");
      const option = select.options[Number(key)];
      if (/^[1-9]$/.test(key) && option) {
        select.value = option.value;
        say(`Rejecting: ${option.text}`);
        press("Reject");
      } else {
        say("Rejection cancelled.");
      }
      event.preventDefault();
      return;
    }
    if (key === "j") {
      show(current + 1);
    } else if (key === "k") {
      show(current - 1);
    } else if (key === "a") {
      press("Approve") || press("Keep");
    } else if (key === "s") {
      press("Spam");
    } else if (key === "r") {
      rejecting = true;
      say("Reject: press the reason's number, or Escape.");
    } else {
      return;
    }
    event.preventDefault();
  });
});
