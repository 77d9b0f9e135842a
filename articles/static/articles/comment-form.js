// A story page is the same for every reader, so that it can be cached. Its comment
// form therefore comes without this reader's CSRF token and start time; they are
// fetched when the reader starts writing, or at the latest when they send. Without
// this script the server asks the reader to send the comment once more.
for (const form of document.querySelectorAll("form[data-tokens]")) {
  let fetching = null;
  let sending = false;

  const fetchTokens = () => {
    fetching ??= fetch(form.dataset.tokens, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`${response.status} ${response.statusText}`);
        }
        return response.json();
      })
      .then((tokens) => {
        for (const [name, value] of Object.entries(tokens)) {
          form.elements[name].value = value;
        }
      })
      .catch(() => {
        fetching = null; // Try again on the next focus or send.
      });
    return fetching;
  };

  const hasTokens = () => form.elements.csrfmiddlewaretoken.value !== "";

  form.addEventListener("focusin", () => {
    if (!hasTokens()) {
      fetchTokens();
    }
  });

  form.addEventListener("submit", (event) => {
    if (hasTokens()) {
      return;
    }
    event.preventDefault();
    if (sending) {
      return; // A second click while the tokens are on their way.
    }
    sending = true;
    // Sent even if the tokens could not be fetched: the server then keeps the
    // comment and asks the reader to confirm it.
    fetchTokens().then(() => form.submit());
  });
}

// After sending, the reader lands on the confirmation under the form, or on the
// list of what to fix at its top: focused, so that a screen reader reads it out.
// After the load event: the browser's own move to the address's #fragment, which
// happens up to then, would otherwise take the focus away again.
window.addEventListener("load", () => {
  document.querySelector("#comment-sent, .comment-form .form-errors")?.focus();
});
