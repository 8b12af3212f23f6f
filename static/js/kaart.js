/*
 * Turns each element made by templates/includes/kaart.html into a Leaflet map: the places of a
 * GeoJSON FeatureCollection (data-geojson) in marker clusters, or one place (data-lat,
 * data-lon, data-naam). Without JavaScript, or when Leaflet or the data cannot be loaded, the
 * element stays hidden and the page's list is the content. When the tile server cannot be
 * reached the markers still show, on a plain background.
 *
 * Content Security Policy: no inline styles or scripts. Leaflet positions elements through the
 * CSSOM (element.style), which the policy allows; the markers are CSS classes (site.css).
 * Texts come from data-tekst-* attributes, translated in the template. When a map is done the
 * element's data-kaart-status is "klaar" (drawn), "leeg" (nothing to show) or "fout".
 */
(function () {
  "use strict";

  var PLACE_ZOOM = 16;
  var MAX_FIT_ZOOM = 16;

  var text = window.OntmoetingKaart.text;

  function markerIcon(naam, sterlocatie, element) {
    var icon = document.createElement("span");
    var pin = document.createElement("span");
    pin.className = "kaart-marker" + (sterlocatie ? " kaart-marker--ster" : "");
    var glyph = document.createElement("span");
    glyph.setAttribute("aria-hidden", "true");
    glyph.textContent = sterlocatie ? "★" : "";
    pin.appendChild(glyph);
    icon.appendChild(pin);
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = sterlocatie ? naam + ", " + text(element, "sterlocatie", "Sterlocatie") : naam;
    icon.appendChild(name);
    return L.divIcon({
      className: "kaart-marker-icon",
      html: icon,
      iconSize: [30, 30],
      iconAnchor: [15, 36],
      popupAnchor: [0, -32],
    });
  }

  function popupContent(properties, element) {
    var content = document.createElement("div");
    var title = document.createElement("p");
    var naam = properties.naam || text(element, "plek", "Ontmoetingsplek");
    if (properties.url) {
      var link = document.createElement("a");
      link.href = properties.url;
      link.textContent = naam;
      title.appendChild(link);
    } else {
      var strong = document.createElement("strong");
      strong.textContent = naam;
      title.appendChild(strong);
    }
    content.appendChild(title);
    [properties.soort, properties.adres].forEach(function (value) {
      if (value) {
        var line = document.createElement("p");
        line.textContent = value;
        content.appendChild(line);
      }
    });
    if (properties.sterlocatie) {
      var ster = document.createElement("p");
      ster.className = "kaart-popup__ster";
      ster.textContent = "★ " + text(element, "sterlocatie", "Sterlocatie");
      content.appendChild(ster);
    }
    return content;
  }

  function placeMarker(latlng, properties, element) {
    var naam = properties.naam || text(element, "plek", "Ontmoetingsplek");
    var marker = L.marker(latlng, {
      icon: markerIcon(naam, Boolean(properties.sterlocatie), element),
      title: naam,
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(popupContent(properties, element));
    return marker;
  }

  function clusterIcon(cluster, element) {
    var count = cluster.getChildCount();
    var icon = document.createElement("span");
    icon.className = "kaart-cluster";
    var number = document.createElement("span");
    number.setAttribute("aria-hidden", "true");
    number.textContent = String(count);
    icon.appendChild(number);
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = text(element, "cluster", "%(aantal)s ontmoetingsplekken, inzoomen").replace(
      "%(aantal)s",
      String(count)
    );
    icon.appendChild(name);
    var size = count < 10 ? 40 : count < 100 ? 46 : 52;
    return L.divIcon({ className: "kaart-cluster-icon", html: icon, iconSize: [size, size] });
  }

  function createMap(element) {
    element.hidden = false;
    return window.OntmoetingKaart.create(element);
  }

  function showPlace(element) {
    var lat = parseFloat(element.getAttribute("data-lat"));
    var lon = parseFloat(element.getAttribute("data-lon"));
    if (!isFinite(lat) || !isFinite(lon)) {
      element.setAttribute("data-kaart-status", "leeg");
      return;
    }
    var map = createMap(element);
    map.setView([lat, lon], PLACE_ZOOM);
    placeMarker([lat, lon], { naam: element.getAttribute("data-naam") }, element).addTo(map);
    element.setAttribute("data-kaart-status", "klaar");
  }

  function showCollection(element) {
    fetch(element.getAttribute("data-geojson"), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("GeoJSON answered " + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var features = (collection && collection.features) || [];
        var points = features.filter(function (feature) {
          return (
            feature.geometry &&
            feature.geometry.type === "Point" &&
            Array.isArray(feature.geometry.coordinates) &&
            isFinite(feature.geometry.coordinates[0]) &&
            isFinite(feature.geometry.coordinates[1])
          );
        });
        if (points.length === 0) {
          // Nothing to show: the map stays hidden, the page says so in its list.
          element.setAttribute("data-kaart-status", "leeg");
          return;
        }
        var map = createMap(element);
        var latlngs = points.map(function (feature) {
          var coordinates = feature.geometry.coordinates; // GeoJSON: longitude, latitude
          return [coordinates[1], coordinates[0]];
        });
        // The view first, then the markers, so the clusters are made once, for this zoom.
        if (latlngs.length === 1) {
          map.setView(latlngs[0], PLACE_ZOOM);
        } else {
          map.fitBounds(L.latLngBounds(latlngs), { padding: [24, 24], maxZoom: MAX_FIT_ZOOM });
        }
        var group = L.markerClusterGroup
          ? L.markerClusterGroup({
              showCoverageOnHover: false,
              maxClusterRadius: 50,
              iconCreateFunction: function (cluster) {
                return clusterIcon(cluster, element);
              },
            })
          : L.featureGroup();
        points.forEach(function (feature, index) {
          group.addLayer(placeMarker(latlngs[index], feature.properties || {}, element));
        });
        map.addLayer(group);
        var legend = element.parentNode.querySelector("[data-kaart-legenda]");
        if (legend) {
          legend.hidden = false;
        }
        element.setAttribute("data-kaart-status", "klaar");
      })
      .catch(function (error) {
        // The list on the page carries the same content; the map is only an extra.
        element.hidden = true;
        element.setAttribute("data-kaart-status", "fout");
        if (window.console) {
          window.console.warn("Kaart niet geladen:", error);
        }
      });
  }

  function init() {
    var elements = document.querySelectorAll("[data-kaart]:not([data-kaart-klaar])");
    Array.prototype.forEach.call(elements, function (element) {
      element.setAttribute("data-kaart-klaar", "");
      if (!window.L) {
        element.setAttribute("data-kaart-status", "fout"); // Leaflet did not load
      } else if (element.hasAttribute("data-geojson")) {
        showCollection(element);
      } else if (element.hasAttribute("data-lat")) {
        showPlace(element);
      } else {
        element.setAttribute("data-kaart-status", "leeg");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Exposed for pages that add a map after loading, and for the browser tests.
  window.ontmoetingKaart = { init: init };
})();
