// The arrow keys move through a gallery like its "Previous photo" and "Next photo"
// links, which work on their own without this script.
document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  if (event.target.closest("input, textarea, select, [contenteditable]")) {
    return;
  }
  // On a right-to-left page "Next photo" sits on the left, and so does its key.
  const rtl = document.documentElement.dir === "rtl";
  const keys = rtl
    ? { ArrowLeft: "next", ArrowRight: "prev" }
    : { ArrowLeft: "prev", ArrowRight: "next" };
  const rel = keys[event.key];
  const link = rel && document.querySelector(`.gallery__nav a[rel="${rel}"]`);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
