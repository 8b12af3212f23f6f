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
 * element's data-kaart-status is "klaar" (drawn), "leeg" (nothing to show) or "fout"; a map
 * on request that is still closed is "dicht".
 *
 * A map on request (inside [data-kaart-uitklap], a <details>) loads Leaflet itself, from the
 * URLs in data-laden-css and data-laden-js, when the resident opens it; an opened map is
 * remembered in localStorage (no cookie, so the page stays cacheable) and opens by itself on
 * the next page with such a map.
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

  // A map on request says in words why it stays empty ([data-kaart-leeg], [data-kaart-fout]).
  function tell(element, status) {
    var uitklap = element.closest("[data-kaart-uitklap]");
    var message = uitklap && uitklap.querySelector("[data-kaart-" + status + "]");
    if (message) {
      message.hidden = false;
    }
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
      tell(element, "leeg");
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
          tell(element, "leeg");
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
        tell(element, "fout");
        if (window.console) {
          window.console.warn("Kaart niet geladen:", error);
        }
      });
  }

  function show(element) {
    if (!window.L) {
      element.setAttribute("data-kaart-status", "fout"); // Leaflet did not load
    } else if (element.hasAttribute("data-geojson")) {
      showCollection(element);
    } else if (element.hasAttribute("data-lat")) {
      showPlace(element);
    } else {
      element.setAttribute("data-kaart-status", "leeg");
      tell(element, "leeg");
    }
  }

  var REMEMBER = "ontmoeting-kaart-open";

  function remember(open) {
    try {
      if (open) {
        window.localStorage.setItem(REMEMBER, "1");
      } else {
        window.localStorage.removeItem(REMEMBER);
      }
    } catch (error) {
      // Storage may be switched off; the map then simply starts closed.
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(REMEMBER) === "1";
    } catch (error) {
      return false;
    }
  }

  function urls(element, name) {
    return (element.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  // The stylesheets at once, the scripts one after the other (the clusters need Leaflet).
  function loadLibraries(element) {
    urls(element, "data-laden-css").forEach(function (url) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = url;
      document.head.appendChild(link);
    });
    return urls(element, "data-laden-js").reduce(function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = function () {
            reject(new Error("Not loaded: " + url));
          };
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  function onRequest(element, uitklap) {
    var started = false;
    element.setAttribute("data-kaart-status", "dicht");
    uitklap.hidden = false;
    uitklap.addEventListener("toggle", function () {
      remember(uitklap.open);
      if (!uitklap.open || started) {
        return;
      }
      started = true;
      element.setAttribute("data-kaart-status", "laden");
      (window.L ? Promise.resolve() : loadLibraries(element))
        .then(function () {
          show(element);
        })
        .catch(function (error) {
          element.setAttribute("data-kaart-status", "fout");
          tell(element, "fout");
          if (window.console) {
            window.console.warn("Kaart niet geladen:", error);
          }
        });
    });
    if (remembered()) {
      uitklap.open = true; // fires "toggle"
    }
  }

  function init() {
    var elements = document.querySelectorAll("[data-kaart]:not([data-kaart-klaar])");
    Array.prototype.forEach.call(elements, function (element) {
      element.setAttribute("data-kaart-klaar", "");
      var uitklap = element.closest("[data-kaart-uitklap]");
      if (uitklap) {
        onRequest(element, uitklap);
      } else {
        show(element);
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
