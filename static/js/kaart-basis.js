/*
 * What every map of the site shares (static/js/kaart.js for the places, static/js/dekking.js
 * for coverage): a Leaflet map on an element with zoom buttons in the page's language; tiles
 * that may fail to load (the element then gets the class kaart--zonder-tegels and the shapes
 * show on a plain background); no zooming by the scroll wheel while someone scrolls the page,
 * until the map is clicked or focused; and a labelled close button on popups. Texts come from
 * the element's data-tekst-* attributes, translated in the template.
 */
window.OntmoetingKaart = (function () {
  "use strict";

  function text(element, name, fallback) {
    return element.getAttribute("data-tekst-" + name) || fallback;
  }

  // `options` are Leaflet map options added to the shared ones.
  function create(element, options) {
    var settings = { zoomControl: false, scrollWheelZoom: false };
    Object.keys(options || {}).forEach(function (key) {
      settings[key] = options[key];
    });
    var map = L.map(element, settings);
    L.control
      .zoom({
        zoomInTitle: text(element, "zoom-in", "Inzoomen"),
        zoomOutTitle: text(element, "zoom-out", "Uitzoomen"),
      })
      .addTo(map);
    map.attributionControl.setPrefix(false);
    var tiles = L.tileLayer(element.getAttribute("data-tile-url"), {
      attribution: element.getAttribute("data-tile-attribution") || "",
      maxZoom: 19,
    });
    tiles.on("tileerror", function () {
      element.classList.add("kaart--zonder-tegels");
    });
    tiles.addTo(map);
    map.on("focus click", function () {
      map.scrollWheelZoom.enable();
    });
    map.on("blur", function () {
      map.scrollWheelZoom.disable();
    });
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        var label = text(element, "sluiten", "Sluiten");
        close.setAttribute("aria-label", label);
        close.setAttribute("title", label);
      }
    });
    return map;
  }

  return { text: text, create: create };
})();
