// Sets the lead image's focal point by a click on its preview; the number fields stay the
// accessible way and move the marker too. Positions go through the CSSOM, which the CSP allows.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector("[data-focal-point]");
  const inputX = document.getElementById("id_image_focus_x");
  const inputY = document.getElementById("id_image_focus_y");
  if (!picker || !inputX || !inputY) return;
  const image = picker.querySelector("img");
  const marker = picker.querySelector(".focal-point__marker");
  const clamp = (value) => Math.min(100, Math.max(0, Math.round(value)));
  const place = () => {
    marker.style.left = `${clamp(Number(inputX.value) || 0)}%`;
    marker.style.top = `${clamp(Number(inputY.value) || 0)}%`;
  };
  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    inputX.value = clamp(((event.clientX - box.left) / box.width) * 100);
    inputY.value = clamp(((event.clientY - box.top) / box.height) * 100);
    place();
  });
  inputX.addEventListener("input", place);
  inputY.addEventListener("input", place);
  place();
});
