/*
 * The coverage map of /beheer/dekking/ (templates/beheer/dekking/dashboard.html): the buurten
 * coloured by the share of residents within the walking distance, a circle of that distance
 * around every place, sterlocaties and kernen (with their 2 km circle) marked by a symbol as
 * well as a colour. The data is the JSON of the element #dekking-kaartgegevens (json_script);
 * the colours are read from the legend (site.css, section "Dekking"), so they live in one place.
 *
 * An enhancement only: without JavaScript, or when Leaflet cannot load, the map and its legend
 * stay hidden and the tables on the page hold the same figures. When the tile server cannot be
 * reached the shapes still show, on the map's plain background. Texts come from data-tekst-*
 * attributes, translated in the template; names are set as text, never as HTML. When done, the
 * element's data-kaart-status is "klaar", "leeg" or "fout".
 */
(function () {
  "use strict";

  // Places are reachable by keyboard when there are not too many tab stops.
  var MAX_KEYBOARD_MARKERS = 100;

  var text = window.OntmoetingKaart.text;

  function textNode(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) {
      node.className = className;
    }
    return node;
  }

  function legendColours(legend) {
    var colours = {};
    Array.prototype.forEach.call(legend.querySelectorAll("[data-klasse]"), function (swatch) {
      colours[swatch.getAttribute("data-klasse")] = window.getComputedStyle(swatch).backgroundColor;
    });
    return colours;
  }

  function markerIcon(place, element) {
    var icon = document.createElement("span");
    var pin = document.createElement("span");
    pin.className =
      "kaart-marker" + (place.ster ? " kaart-marker--ster" : place.kern ? " kaart-marker--kern" : "");
    pin.appendChild(textNode("span", place.ster ? "★" : place.kern ? "K" : ""));
    pin.firstChild.setAttribute("aria-hidden", "true");
    icon.appendChild(pin);
    var label = [place.naam];
    if (place.ster) {
      label.push(text(element, "sterlocatie", "Sterlocatie"));
    }
    if (place.kern) {
      label.push(text(element, "kern", "Kern"));
    }
    icon.appendChild(textNode("span", label.join(", "), "visually-hidden"));
    var size = place.ster || place.kern ? 26 : 20;
    return L.divIcon({
      className: "kaart-marker-icon",
      html: icon,
      iconSize: [size, size],
      iconAnchor: [size / 2, size * 1.2],
      popupAnchor: [0, -size],
    });
  }

  function popup(place, element) {
    var content = document.createElement("div");
    var title = document.createElement("p");
    var link = textNode("a", place.naam);
    link.href = place.url;
    title.appendChild(link);
    content.appendChild(title);
    if (place.ster) {
      content.appendChild(textNode("p", "★ " + text(element, "sterlocatie", "Sterlocatie"), "kaart-popup__ster"));
    }
    if (place.kern) {
      content.appendChild(textNode("p", text(element, "kern", "Kern")));
    }
    return content;
  }

  function createMap(element) {
    element.hidden = false;
    // Quarter zoom steps, so that a gemeente fills the map rather than half of it.
    return window.OntmoetingKaart.create(element, { zoomSnap: 0.25, zoomDelta: 0.5 });
  }

  function show(element, data, legend) {
    var features = (data.buurten && data.buurten.features) || [];
    var places = (data.plekken || []).filter(function (place) {
      return isFinite(place.lat) && isFinite(place.lon);
    });
    if (features.length === 0 && places.length === 0) {
      element.setAttribute("data-kaart-status", "leeg");
      return;
    }
    legend.hidden = false;
    var colours = legendColours(legend);
    var map = createMap(element);

    var buurten = L.geoJSON(data.buurten, {
      style: function (feature) {
        var properties = feature.properties || {};
        var gap = Boolean(properties.gat);
        return {
          color: gap ? "#1a1a1a" : "#4a4a4a",
          weight: gap ? 3 : 1,
          dashArray: gap ? "8 5" : null,
          fillColor: colours[properties.klasse] || colours.geen || "#bdbdbd",
          fillOpacity: 0.7,
        };
      },
      onEachFeature: function (feature, layer) {
        var label = (feature.properties && feature.properties.tekst) || "";
        layer.bindTooltip(textNode("span", label), { sticky: true });
      },
    }).addTo(map);

    var circles = L.layerGroup();
    var markers = L.layerGroup();
    var keyboard = places.length <= MAX_KEYBOARD_MARKERS;
    places.forEach(function (place) {
      var latlng = [place.lat, place.lon];
      L.circle(latlng, {
        radius: data.straal,
        color: "#1d3c6e",
        weight: 1.5,
        fill: false,
        interactive: false,
      }).addTo(circles);
      if (place.kern) {
        L.circle(latlng, {
          radius: data.kernstraal,
          color: "#8a3c00",
          weight: 2,
          dashArray: "2 6",
          fill: false,
          interactive: false,
        }).addTo(circles);
      }
      L.marker(latlng, {
        icon: markerIcon(place, element),
        title: place.naam,
        keyboard: keyboard,
        riseOnHover: true,
      })
        .bindPopup(popup(place, element))
        .addTo(markers);
    });
    circles.addTo(map);
    markers.addTo(map);

    var bounds = features.length ? buurten.getBounds() : L.latLngBounds(places.map(function (p) {
      return [p.lat, p.lon];
    }));
    map.invalidateSize();
    map.fitBounds(bounds, { padding: [12, 12] });
    element.setAttribute("data-kaart-status", "klaar");
  }

  function init() {
    var element = document.querySelector("[data-dekking-kaart]:not([data-kaart-klaar])");
    var source = document.getElementById("dekking-kaartgegevens");
    var legend = document.querySelector("[data-dekking-legenda]");
    if (!element || !source || !legend) {
      return;
    }
    element.setAttribute("data-kaart-klaar", "");
    if (!window.L) {
      element.setAttribute("data-kaart-status", "fout"); // Leaflet did not load
      return;
    }
    try {
      show(element, JSON.parse(source.textContent), legend);
    } catch (error) {
      element.hidden = true;
      legend.hidden = true;
      element.setAttribute("data-kaart-status", "fout");
      if (window.console) {
        window.console.warn("Kaart niet geladen:", error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
