// The photo form's focal point, picked by clicking the photo: the click sets the
// "focal point across" and "focal point down" fields (0 to 1), which still work on
// their own without this script, and a marker shows the point.
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-point-picker");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!picker || !across || !down) {
    return;
  }
  const image = picker.querySelector("img");
  const marker = picker.querySelector(".focal-point-marker");

  function show(x, y) {
    marker.hidden = false;
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
  }

  if (across.value !== "" && down.value !== "") {
    show(Number(across.value), Number(down.value));
  }
  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    across.value = x.toFixed(3);
    down.value = y.toFixed(3);
    show(x, y);
  });
});
