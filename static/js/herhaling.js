// The activity form's recurrence choices: show only the parts that belong to what is chosen.
// Without JavaScript every part stays visible, each with a legend saying when it applies.
// An element with data-toon-bij="patroon:wekelijks,tweewekelijks" is shown when the checked
// radio button named "patroon" has one of those values. A part with an error stays visible.
document.querySelectorAll("form").forEach((form) => {
  const parts = form.querySelectorAll("[data-toon-bij]");
  if (!parts.length) return;
  const update = () => {
    parts.forEach((part) => {
      const [name, values] = part.dataset.toonBij.split(":");
      const checked = form.querySelector(`input[name="${name}"]:checked`);
      const wanted = values.split(",").includes(checked ? checked.value : "");
      part.hidden = !wanted && !part.querySelector(".field--invalid");
    });
  };
  form.addEventListener("change", (event) => {
    if (event.target.type === "radio") update();
  });
  update();
});
// After "Bekijk de data" the page opens at the dates; move the focus there for screen readers.
const voorbeeld = document.getElementById("voorbeeld");
if (voorbeeld) voorbeeld.focus();
