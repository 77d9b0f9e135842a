// Counts one read of the story for the most-read list. Sent from the reader's
// browser once the page has loaded, so pages served from a cache count too. It
// carries the story's number and nothing else; the server keeps no trace of the
// reader. A page opened in the background counts when it is first shown.
(() => {
  const script = document.currentScript;
  const send = () => {
    const data = new URLSearchParams({ story: script.dataset.story });
    navigator.sendBeacon(script.dataset.url, data);
  };
  const whenShown = () => {
    if (document.visibilityState === "visible") {
      send();
    } else {
      document.addEventListener("visibilitychange", whenShown, { once: true });
    }
  };
  if (document.readyState === "complete") {
    whenShown();
  } else {
    window.addEventListener("load", whenShown, { once: true });
  }
})();
