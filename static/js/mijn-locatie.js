/*
 * "Use my location": a hidden <button data-mijn-locatie> inside a search form with hidden
 * inputs lat and lon. Shown only when the browser can tell its location; a click fills lat and
 * lon (rounded to 4 decimals, about 10 m), empties the form's text field q and submits. A
 * failure is said in an aria-live region next to the button.
 *
 * Texts: the button may carry data-tekst-bezig, data-tekst-geweigerd, data-tekst-onbekend and
 * data-tekst-te-lang (translated in the template); Dutch is the fallback.
 */
(function () {
  "use strict";

  var TEXTS = {
    bezig: "Je locatie wordt bepaald…",
    geweigerd:
      "Je hebt geen toestemming gegeven om je locatie te gebruiken. Vul een postcode of adres in.",
    onbekend: "Je locatie kon niet worden bepaald. Vul een postcode of adres in.",
    "te-lang":
      "Het bepalen van je locatie duurde te lang. Probeer het opnieuw of vul een postcode of adres in.",
  };

  function text(button, name) {
    return button.getAttribute("data-tekst-" + name) || TEXTS[name];
  }

  function liveRegion(button, form) {
    var region = form.querySelector("[data-mijn-locatie-melding]");
    if (!region) {
      region = document.createElement("p");
      region.className = "mijn-locatie__melding";
      region.setAttribute("data-mijn-locatie-melding", "");
      button.insertAdjacentElement("afterend", region);
    }
    region.setAttribute("aria-live", "polite");
    return region;
  }

  function enhance(button) {
    var form = button.form || button.closest("form");
    if (!form) {
      return;
    }
    var lat = form.querySelector('input[name="lat"]');
    var lon = form.querySelector('input[name="lon"]');
    if (!lat || !lon) {
      return;
    }
    var region = liveRegion(button, form);
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      if (button.getAttribute("aria-busy") === "true") {
        return;
      }
      button.setAttribute("aria-busy", "true");
      region.textContent = text(button, "bezig");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(4);
          lon.value = position.coords.longitude.toFixed(4);
          var q = form.querySelector('[name="q"]');
          if (q) {
            q.value = "";
          }
          form.submit();
        },
        function (error) {
          button.removeAttribute("aria-busy");
          var name = "onbekend";
          if (error && error.code === 1) {
            name = "geweigerd";
          } else if (error && error.code === 3) {
            name = "te-lang";
          }
          region.textContent = text(button, name);
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }

  function init() {
    if (!("geolocation" in navigator)) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("button[data-mijn-locatie]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
