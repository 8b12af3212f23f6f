// After a save or an error the focus goes to the message (WCAG 2.4.3, 3.3.1): the error
// summary of a form first, else the page's message ("opgeslagen"). Both carry
// data-focus-on-load and tabindex="-1" in the template; without JavaScript nothing changes.
(() => {
  const target = document.querySelector(".error-summary[data-focus-on-load]")
    || document.querySelector("[data-focus-on-load]");
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
})();
