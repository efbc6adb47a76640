// Clausier's web interview: the one behaviour htmx does not give. Enter in a licence search box searches
// (the Search button beside it) rather than sending the page; without script, Enter sends the page.
document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (event.key !== "Enter" || !(box instanceof HTMLInputElement) || box.type !== "search") return;
  const button = box.closest(".search")?.querySelector("button[type=submit]");
  if (!button) return;
  event.preventDefault();
  button.click();
});
