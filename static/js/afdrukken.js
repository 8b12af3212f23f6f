// A print button for the week programme: shown only when JavaScript runs (without it the
// browser's own print command does the same).
document.querySelectorAll("[data-afdrukken]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
