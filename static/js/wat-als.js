/*
 * The map of the what-if page /beheer/dekking/wat-als/ (templates/beheer/dekking/wat_als.html):
 * a click on the map adds that point as a line "latitude, longitude" to the form's field of
 * typed points, so that a point chosen on the map and a typed one are the same thing and the
 * server reads them the same way. The points in the field are drawn as numbered markers (again
 * after every change to the field); the buurten and the places there now come from the JSON of
 * #wat-als-kaartgegevens (json_script), buurten that change with the result coloured.
 *
 * An enhancement only: without JavaScript, or when Leaflet cannot load, the map stays hidden
 * and typing the points does everything. When the tile server cannot be reached the buurten
 * and places still show on the map's plain background. Texts come from data-tekst-* attributes,
 * translated in the template; names are set as text, never as HTML. When done, the element's
 * data-kaart-status is "klaar" or "fout".
 */
(function () {
  "use strict";

  var text = window.OntmoetingKaart ? window.OntmoetingKaart.text : null;
  // Five decimals: about a metre, as the form's help text writes a point.
  var DECIMALS = 5;
  var SEPARATOR = /\s*[;,\s]\s*/;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  // The points the field holds, as the server reads them; lines that are no point are skipped
  // here (the server names them when the form is sent).
  function readPoints(field) {
    var points = [];
    field.value.split(/\r?\n/).forEach(function (line) {
      var parts = line.trim().split(SEPARATOR).filter(Boolean);
      if (parts.length !== 2) {
        return;
      }
      var lat = Number(parts[0]);
      var lon = Number(parts[1]);
      if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        points.push([lat, lon]);
      }
    });
    return points;
  }

  function lineCount(field) {
    return field.value.split(/\r?\n/).filter(function (line) {
      return line.trim() !== "";
    }).length;
  }

  function pointIcon(number, label) {
    var icon = document.createElement("span");
    var pin = document.createElement("span");
    pin.className = "kaart-marker wat-als-punt";
    var digit = document.createElement("span");
    digit.setAttribute("aria-hidden", "true");
    digit.textContent = String(number);
    pin.appendChild(digit);
    icon.appendChild(pin);
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = label;
    icon.appendChild(hidden);
    return L.divIcon({
      className: "kaart-marker-icon",
      html: icon,
      iconSize: [24, 24],
      iconAnchor: [12, 29],
    });
  }

  function show(element, data, field, status) {
    var map = window.OntmoetingKaart.create(element, { zoomSnap: 0.25, zoomDelta: 0.5 });
    var maxPoints = Number(element.getAttribute("data-max-punten")) || 10;

    var buurten = L.geoJSON(data.buurten, {
      style: function (feature) {
        var change = (feature.properties && feature.properties.verandering) || "";
        return {
          color: "#4a4a4a",
          weight: 1,
          fillColor: change === "meer" ? "#41b6c4" : change === "minder" ? "#f4a261" : "#ffffff",
          fillOpacity: change ? 0.6 : 0.15,
        };
      },
      onEachFeature: function (feature, layer) {
        var label = document.createElement("span");
        label.textContent = (feature.properties && feature.properties.tekst) || "";
        layer.bindTooltip(label, { sticky: true });
      },
    });

    var places = (data.plekken || []).filter(function (place) {
      return isFinite(place.lat) && isFinite(place.lon);
    });

    // The view first, then the shapes: Leaflet draws them against the view. The buurten, or
    // else the places; and the points typed already, also outside the gemeente.
    var bounds = buurten.getBounds();
    if (!bounds.isValid() && places.length) {
      bounds = L.latLngBounds(places.map(function (place) {
        return [place.lat, place.lon];
      }));
    }
    readPoints(field).forEach(function (point) {
      bounds = bounds.isValid() ? bounds.extend(point) : L.latLngBounds([point, point]);
    });
    map.invalidateSize();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
    } else {
      map.setView([52.2, 5.3], 7); // the Netherlands
    }
    buurten.addTo(map);
    places.forEach(function (place) {
      L.circleMarker([place.lat, place.lon], {
        radius: 4,
        color: "#1a1a1a",
        weight: 1,
        fillColor: "#1d3c6e",
        fillOpacity: 1,
        interactive: false,
      }).addTo(map);
    });

    var markers = L.layerGroup().addTo(map);
    function drawPoints() {
      markers.clearLayers();
      readPoints(field).forEach(function (point, index) {
        var label = format(text(element, "punt", "Nieuw punt {nummer}"), { nummer: index + 1 });
        L.marker(point, { icon: pointIcon(index + 1, label), title: label, keyboard: false })
          .addTo(markers);
      });
    }
    drawPoints();
    field.addEventListener("input", drawPoints);

    map.on("click", function (event) {
      if (lineCount(field) >= maxPoints) {
        status.textContent = text(element, "vol", "");
        return;
      }
      var point =
        event.latlng.lat.toFixed(DECIMALS) + ", " + event.latlng.lng.toFixed(DECIMALS);
      var value = field.value.replace(/\s+$/, "");
      field.value = value ? value + "\n" + point : point;
      drawPoints();
      status.textContent = format(text(element, "toegevoegd", "{punt}"), {
        nummer: lineCount(field),
        punt: point,
      });
    });

    element.setAttribute("data-kaart-status", "klaar");
  }

  function init() {
    var element = document.querySelector("[data-wat-als-kaart]:not([data-kaart-klaar])");
    var block = document.querySelector("[data-wat-als-blok]");
    var source = document.getElementById("wat-als-kaartgegevens");
    if (!element || !block || !source) {
      return;
    }
    element.setAttribute("data-kaart-klaar", "");
    var field = document.getElementById(element.getAttribute("data-punten-veld"));
    if (!window.L || !text || !field) {
      element.setAttribute("data-kaart-status", "fout"); // Leaflet did not load
      return;
    }
    block.hidden = false;
    try {
      show(element, JSON.parse(source.textContent), field, block.querySelector("[data-wat-als-status]"));
    } catch (error) {
      block.hidden = true;
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
