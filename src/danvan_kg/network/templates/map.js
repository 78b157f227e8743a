/* danvan-kg map page. Plain SVG, no library, no outside request. All text from the graph
   reaches the page through textContent or attribute setters: no string is parsed as markup. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.dataset.renderState = "loading";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var K = Math.cos(16 * Math.PI / 180); /* longitude degrees shrink at Vietnam's middle latitude */
  var S = 100; /* drawing units per degree of latitude */
  var svg = document.getElementById("map");
  var tip = document.getElementById("tip");
  var info = document.getElementById("info");
  var landLayer = document.getElementById("land");
  var regionLayer = document.getElementById("regions");
  var labelLayer = document.getElementById("region-labels");
  var spotLayer = document.getElementById("spots");

  function px(lon) { return lon * K * S; }
  function py(lat) { return -lat * S; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function pathOf(rings) {
    return rings.map(function (ring) {
      return "M" + ring.map(function (p) { return px(p[0]).toFixed(1) + "," + py(p[1]).toFixed(1); }).join("L") + "Z";
    }).join("");
  }
  function plural(n, vi, en) { return n + " " + vi + " / " + en; }
  function countsText(c) {
    return plural(c.models, "mô hình", c.models === 1 ? "model" : "models") + " · " +
      plural(c.organisations, "tổ chức", c.organisations === 1 ? "organisation" : "organisations") + " · " +
      plural(c.sources, "nguồn", c.sources === 1 ? "source" : "sources");
  }

  /* ---- geometry: land, provinces of both structures ---- */
  var bounds = [Infinity, Infinity, -Infinity, -Infinity];
  data.outline.land.forEach(function (ring) {
    ring.forEach(function (p) {
      var x = px(p[0]), y = py(p[1]);
      bounds[0] = Math.min(bounds[0], x); bounds[1] = Math.min(bounds[1], y);
      bounds[2] = Math.max(bounds[2], x); bounds[3] = Math.max(bounds[3], y);
    });
  });
  var land = svgEl("path", { d: pathOf(data.outline.land), "fill-rule": "evenodd" });
  landLayer.appendChild(land);

  var provinceName = { "2020": {}, "2025": {} };
  Object.keys(data.outline.regions).forEach(function (structure) {
    data.outline.regions[structure].forEach(function (r) { provinceName[structure][r.code] = r.name; });
  });
  function regionCounts(structure, code) {
    var c = (data.regionCounts[structure] || {})[code];
    return c || { models: 0, organisations: 0, sources: 0 };
  }

  var structure = data.structure;
  var regionEls = [];
  var labelEls = [];
  function drawRegions() {
    regionLayer.textContent = "";
    labelLayer.textContent = "";
    regionEls = [];
    labelEls = [];
    root.dataset.structure = structure;
    if (structure === "none") { root.dataset.drawnRegions = "0"; return; }
    var regions = data.outline.regions[structure];
    var most = 1;
    regions.forEach(function (r) {
      var c = regionCounts(structure, r.code);
      most = Math.max(most, c.models + c.organisations);
    });
    regions.forEach(function (r) {
      var c = regionCounts(structure, r.code);
      var n = c.models + c.organisations;
      var alpha = n ? 0.15 + 0.6 * Math.sqrt(n / most) : 0;
      var path = svgEl("path", { d: pathOf(r.rings), "fill-rule": "evenodd",
        fill: n ? "rgba(230,85,13," + alpha.toFixed(3) + ")" : "rgba(0,0,0,0)" });
      path.dataset.code = r.code;
      path.dataset.models = String(c.models);
      path.dataset.organisations = String(c.organisations);
      path.dataset.sources = String(c.sources);
      path.addEventListener("mousemove", function (ev) { showRegionTip(r, ev); });
      path.addEventListener("mouseleave", hideTip);
      path.addEventListener("click", function () { if (!moved) { showRegion(r, path); } });
      regionLayer.appendChild(path);
      regionEls.push(path);
      var label = svgEl("text", { x: px(r.label[0]).toFixed(1), y: py(r.label[1]).toFixed(1) });
      label.textContent = r.name.replace(/^(Tỉnh|Thành phố) /, "");
      label.dataset.busy = n ? "1" : "0";
      labelLayer.appendChild(label);
      labelEls.push(label);
    });
    root.dataset.drawnRegions = String(regions.length);
    updateScale();
  }

  /* ---- points ---- */
  var spotEls = [];
  var order = data.spots.map(function (s, i) { return i; });
  order.sort(function (a, b) {
    var ta = data.spots[a].models + data.spots[a].organisations;
    var tb = data.spots[b].models + data.spots[b].organisations;
    return tb - ta || a - b; /* big first, so small ones stay on top and clickable */
  });
  order.forEach(function (i) {
    var s = data.spots[i];
    var g = svgEl("g", { "class": "spot", transform: "translate(" + px(s.lon).toFixed(2) + "," + py(s.lat).toFixed(2) + ")" });
    g.dataset.index = String(i);
    g.dataset.models = String(s.models);
    g.dataset.organisations = String(s.organisations);
    g.dataset.sources = String(s.sources.length);
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", s.name);
    var ring = svgEl("circle", { "class": "ring", cx: 0, cy: 0, r: 1 });
    var core = svgEl("circle", { "class": "core", cx: 0, cy: 0, r: 0 });
    g.appendChild(ring);
    g.appendChild(core);
    g.addEventListener("mousemove", function (ev) { ev.stopPropagation(); showSpotTip(s, ev); });
    g.addEventListener("mouseleave", hideTip);
    g.addEventListener("click", function (ev) { ev.stopPropagation(); if (!moved) { showSpot(i, g); } });
    g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { showSpot(i, g); } });
    spotLayer.appendChild(g);
    spotEls.push({ g: g, ring: ring, core: core, spot: s });
  });
  root.dataset.drawnSpots = String(spotEls.length);

  /* ---- view: viewBox zoom and pan, point sizes constant on screen ---- */
  var pad = 20;
  var base = { x: bounds[0] - pad, y: bounds[1] - pad, w: bounds[2] - bounds[0] + 2 * pad, h: bounds[3] - bounds[1] + 2 * pad };
  var view = { x: base.x, y: base.y, w: base.w, h: base.h };
  function unitsPerPixel() {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    return Math.max(view.w / w, view.h / h);
  }
  function updateScale() {
    var u = unitsPerPixel();
    var zoom = base.w / view.w;
    spotEls.forEach(function (e) {
      var total = e.spot.models + e.spot.organisations;
      var r = (3 + 3.2 * Math.sqrt(total)) * u;
      e.ring.setAttribute("r", r.toFixed(3));
      e.core.setAttribute("r", total ? (r * Math.sqrt(e.spot.models / total)).toFixed(3) : 0);
    });
    var all = zoom >= (structure === "2020" ? 2.6 : 1.8);
    labelEls.forEach(function (t) {
      t.style.fontSize = (11 * u).toFixed(3) + "px";
      t.style.strokeWidth = (3 * u).toFixed(3) + "px";
      t.style.display = all || t.dataset.busy === "1" ? "" : "none";
    });
    root.dataset.zoom = zoom.toFixed(2);
  }
  function setView(v) {
    var minW = base.w / 40;
    if (v.w < minW) { v.x += (v.w - minW) / 2; v.y += (v.h - minW * v.h / v.w) / 2; v.h = minW * v.h / v.w; v.w = minW; }
    if (v.w > base.w * 1.5) { return; }
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(2); }).join(" "));
    updateScale();
  }
  function zoomAt(factor, cx, cy) {
    setView({ x: cx - (cx - view.x) / factor, y: cy - (cy - view.y) / factor, w: view.w / factor, h: view.h / factor });
  }
  function toUser(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  setView({ x: base.x, y: base.y, w: base.w, h: base.h });
  window.addEventListener("resize", updateScale);
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toUser(ev);
    zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, view: view, u: unitsPerPixel() };
    moved = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    moved = true;
    svg.classList.add("dragging");
    setView({ x: drag.view.x - dx * drag.u, y: drag.view.y - dy * drag.u, w: drag.view.w, h: drag.view.h });
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  function centre() { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }
  document.getElementById("zoom-in").addEventListener("click", function () { var c = centre(); zoomAt(1.5, c.x, c.y); });
  document.getElementById("zoom-out").addEventListener("click", function () { var c = centre(); zoomAt(1 / 1.5, c.x, c.y); });
  document.getElementById("zoom-reset").addEventListener("click", function () { setView({ x: base.x, y: base.y, w: base.w, h: base.h }); });

  /* ---- hover ---- */
  function placeTip(ev) {
    var box = svg.getBoundingClientRect();
    var x = ev.clientX - box.left + 14, y = ev.clientY - box.top + 14;
    tip.hidden = false;
    if (x + tip.offsetWidth > box.width) { x = Math.max(0, x - tip.offsetWidth - 28); }
    if (y + tip.offsetHeight > box.height) { y = Math.max(0, y - tip.offsetHeight - 28); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function showSpotTip(s, ev) {
    tip.textContent = "";
    tip.appendChild(el("strong", s.name));
    tip.appendChild(el("span", countsText({ models: s.models, organisations: s.organisations, sources: s.sources.length }), "counts"));
    var named = s.places.filter(function (p) { return p !== s.name; });
    if (named.length) { tip.appendChild(el("div", named.join("; "), "places")); }
    if (s.byArea) {
      tip.appendChild(el("div", s.byArea + " theo tỉnh của bài / by the article's province", "places"));
    }
    tip.dataset.kind = "spot";
    placeTip(ev);
  }
  function showRegionTip(r, ev) {
    tip.textContent = "";
    tip.appendChild(el("strong", r.name + " (" + structure + ")"));
    tip.appendChild(el("span", countsText(regionCounts(structure, r.code)), "counts"));
    tip.dataset.kind = "region";
    placeTip(ev);
  }
  function hideTip() { tip.hidden = true; }

  /* ---- click: what is there ---- */
  function thingList(title, items) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h4", title + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (t) {
      var li = el("li", t.label);
      if (t.area) { li.appendChild(el("span", " (theo tỉnh của bài / by the article's province)", "muted")); }
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    return frag;
  }
  function sourceList(indices) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h4", "Nguồn / sources (" + indices.length + ")"));
    var ul = el("ul");
    indices.forEach(function (i) {
      var s = data.sources[i];
      var li = el("li");
      if (/^https?:\/\//i.test(s.url)) {
        var a = el("a", s.title);
        a.href = s.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else {
        li.appendChild(el("span", s.title));
      }
      if (s.date) { li.appendChild(el("span", " (" + s.date + ")", "muted")); }
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    return frag;
  }
  function fillInfo(title, lines, thingIdx, sourceIdx) {
    info.textContent = "";
    info.hidden = false;
    info.appendChild(el("h3", title));
    lines.forEach(function (line) { if (line) { info.appendChild(el("p", line, "muted")); } });
    var things = thingIdx.map(function (i) { return data.things[i]; });
    info.appendChild(thingList("Mô hình / models", things.filter(function (t) { return t.cls === "Model"; })));
    info.appendChild(thingList("Tổ chức / organisations", things.filter(function (t) { return t.cls === "Organisation"; })));
    info.appendChild(sourceList(sourceIdx));
  }
  function select(node) {
    Array.prototype.forEach.call(document.querySelectorAll(".selected"), function (n) { n.classList.remove("selected"); });
    if (node) {
      node.classList.add("selected");
      node.parentNode.appendChild(node); /* on top of its neighbours */
    }
  }
  function showSpot(i, g) {
    var s = data.spots[i];
    var provinces = ["2025", "2020"].filter(function (st) { return s.provinces[st]; }).map(function (st) {
      return (provinceName[st][s.provinces[st]] || s.provinces[st]) + " (" + st + ")";
    }).join(" · ");
    var lines = [
      provinces,
      s.places.length ? "Tên trong nguồn / as named: " + s.places.join("; ") : "",
      s.precision ? "Vị trí gần đúng: điểm của " + (data.levels[s.precision] || s.precision) +
        " / approximate: the " + s.precision + "'s point" : ""
    ];
    fillInfo(s.name, lines, s.things, s.sources);
    select(g);
    root.dataset.selected = s.name;
  }
  function showRegion(r, path) {
    var things = {}, sources = {};
    data.spots.forEach(function (s) {
      if (s.provinces[structure] !== r.code) { return; }
      s.things.forEach(function (t) { things[t] = true; });
      s.sources.forEach(function (t) { sources[t] = true; });
    });
    var idx = Object.keys(things).map(Number).sort(function (a, b) { return a - b; });
    var src = Object.keys(sources).map(Number).sort(function (a, b) { return a - b; });
    fillInfo(r.name + " (" + structure + ")", [countsText(regionCounts(structure, r.code))], idx, src);
    select(path);
    root.dataset.selected = r.name;
  }

  /* ---- side panel, structure switch ---- */
  var totals = { models: 0, organisations: 0, sources: data.sources.length };
  data.things.forEach(function (t) { if (t.cls === "Model") { totals.models++; } else { totals.organisations++; } });
  document.getElementById("totals").textContent = plural(data.spots.length, "địa điểm", "places") + " · " + countsText(totals);
  document.getElementById("filters").textContent = data.filters;
  document.getElementById("notes").textContent = data.notes.join(" ");
  if (data.unplaced.length) {
    document.getElementById("unplaced-box").hidden = false;
    document.getElementById("unplaced").textContent = data.unplaced.join("; ");
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[name=structure]"), function (input) {
    input.checked = input.value === structure;
    input.addEventListener("change", function () {
      if (input.checked) { structure = input.value; hideTip(); drawRegions(); }
    });
  });
  drawRegions();
  updateScale();

  /* ---- deep link: map.html#place=NAME opens a point, #province=NAME a province ---- */
  function openFromHash() {
    var m = /^#(place|province)=(.+)$/.exec(location.hash);
    if (!m) { return; }
    var wanted = decodeURIComponent(m[2]).normalize("NFC").toLowerCase();
    if (m[1] === "place") {
      for (var i = 0; i < spotEls.length; i++) {
        var s = spotEls[i].spot;
        var names = [s.name].concat(s.places).map(function (n) { return n.toLowerCase(); });
        if (names.indexOf(wanted) >= 0) { showSpot(Number(spotEls[i].g.dataset.index), spotEls[i].g); return; }
      }
    } else if (structure !== "none") {
      var regions = data.outline.regions[structure];
      for (var j = 0; j < regions.length; j++) {
        var short = regions[j].name.replace(/^(Tỉnh|Thành phố) /, "").toLowerCase();
        if (regions[j].name.toLowerCase() === wanted || short === wanted) { showRegion(regions[j], regionEls[j]); return; }
      }
    }
  }
  openFromHash();
  window.addEventListener("hashchange", openFromHash);
  root.dataset.renderState = "drawn";
})();
