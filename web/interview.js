// Clausier's web interview: the two behaviours htmx does not give. Enter in a licence search box searches
// (the Search button beside it) rather than sending the page; without script, Enter sends the page.
document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (event.key !== "Enter" || !(box instanceof HTMLInputElement) || box.type !== "search") return;
  const button = box.closest(".search")?.querySelector("button[type=submit]");
  if (!button) return;
  event.preventDefault();
  button.click();
});

// The name of the answers file chosen, beside the picker, in the page's words when none is chosen.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  const shown = input.closest(".file-picker")?.querySelector(".chosen");
  if (!shown) return;
  shown.textContent = input.files && input.files.length > 0 ? input.files[0].name : shown.getAttribute("data-none") ?? "";
});
