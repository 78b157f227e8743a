  /* ---- filters: class, relation, province, year; folded groups; unconnected nodes ----
     A node passes when its class is on, one of its sources falls in the year range (or it has an
     undated source and undated sources are kept), and, when a province is chosen, it lies in
     that province or is unplaced but linked to something that does. An edge passes when its
     relation is on, its sources pass the year range and both ends pass. Folded nodes stay out
     until their group is opened; a node without a drawn edge is drawn only when "unconnected
     nodes" is ticked (the focus always is). */
  var state = {
    classOff: {}, relationOff: {}, province: -1,
    yearFrom: data.years.length ? data.years[0] : 0,
    yearTo: data.years.length ? data.years[data.years.length - 1] : 0,
    undated: true, unconnected: false, expanded: {},
    drawn: {}, drawnEdge: {}, drawnGroup: {}, base: {}, folded: {}, groupCount: {}
  };
  var allYears = data.years.length > 0;

  function yearsPass(item) {
    if (!allYears) { return true; }
    var full = state.yearFrom === data.years[0] && state.yearTo === data.years[data.years.length - 1];
    if (full && state.undated) { return true; }
    if (item.undated && state.undated) { return true; }
    for (var i = 0; i < item.years.length; i++) {
      if (item.years[i] >= state.yearFrom && item.years[i] <= state.yearTo) { return true; }
    }
    return false;
  }
  function placedIn(n, p) { return n.provinces.indexOf(p) >= 0; }

  /* nodes hidden by folding: folded members, and nodes whose parents are all hidden */
  var byDistance = data.nodes.slice().sort(function (a, b) { return a.distance - b.distance || a.id - b.id; });
  function computeFolded() {
    var folded = {};
    byDistance.forEach(function (n) {
      if (n.group >= 0 && !state.expanded[n.group]) { folded[n.id] = true; return; }
      if (n.parents.length && n.parents.every(function (p) { return folded[p]; })) { folded[n.id] = true; }
    });
    state.folded = folded;
  }

  function computeVisibility() {
    var base = {}, passEdge = {}, p = state.province;
    data.nodes.forEach(function (n) {
      base[n.id] = !state.classOff[n.type] && yearsPass(n) && (p < 0 || !n.provinces.length || placedIn(n, p));
    });
    data.edges.forEach(function (e) {
      passEdge[e.id] = !state.relationOff[e.relation] && yearsPass(e) && base[e.from] && base[e.to];
    });
    if (p >= 0) {  /* unplaced nodes stay only when linked to a node of the province */
      var linked = {};
      data.edges.forEach(function (e) {
        if (!passEdge[e.id]) { return; }
        if (placedIn(byId[e.from], p)) { linked[e.to] = true; }
        if (placedIn(byId[e.to], p)) { linked[e.from] = true; }
      });
      data.nodes.forEach(function (n) {
        if (base[n.id] && !n.provinces.length && !linked[n.id]) { base[n.id] = false; }
      });
      data.edges.forEach(function (e) { passEdge[e.id] = passEdge[e.id] && base[e.from] && base[e.to]; });
    }
    var folded = state.folded, degree = {}, drawnEdge = {};
    data.edges.forEach(function (e) {
      var on = passEdge[e.id] && !folded[e.from] && !folded[e.to];
      drawnEdge[e.id] = on;
      if (on) { degree[e.from] = (degree[e.from] || 0) + 1; degree[e.to] = (degree[e.to] || 0) + 1; }
    });
    var drawn = {}, unconnected = 0;
    data.nodes.forEach(function (n) {
      if (!base[n.id] || folded[n.id]) { drawn[n.id] = false; return; }
      if (degree[n.id] || n.focus) { drawn[n.id] = true; return; }
      unconnected += 1;
      drawn[n.id] = state.unconnected;
    });
    var drawnGroup = {}, groupCount = {};
    data.groups.forEach(function (g) {
      var count = 0;
      g.members.forEach(function (m) { if (base[m]) { count += 1; } });
      groupCount[g.id] = count;
      drawnGroup[g.id] = !state.expanded[g.id] && count > 0 && drawn[g.parent];
    });
    state.base = base; state.drawn = drawn; state.drawnEdge = drawnEdge;
    state.drawnGroup = drawnGroup; state.groupCount = groupCount; state.unconnectedCount = unconnected;
  }

  var shown = {};  /* what vis-network currently draws, to send only the changes */
  function push() {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var on = !!state.drawn[n.id];
      if (shown["n" + n.id] !== on) { shown["n" + n.id] = on; nodeChanges.push({ id: n.id, hidden: !on }); }
    });
    data.groups.forEach(function (g) {
      var on = !!state.drawnGroup[g.id];
      if (shown[g.vid] !== on || shown[g.vid + "#"] !== state.groupCount[g.id]) {
        shown[g.vid] = on; shown[g.vid + "#"] = state.groupCount[g.id];
        nodeChanges.push({ id: g.vid, hidden: !on });
        edgeChanges.push({ id: g.vid, hidden: !on });
      }
    });
    data.edges.forEach(function (e) {
      /* vis-network never draws an edge of a hidden node: only edges between drawn nodes need a flag */
      if (!state.drawn[e.from] || !state.drawn[e.to]) { return; }
      var on = !!state.drawnEdge[e.id];
      if (shown["e" + e.id] !== on) { shown["e" + e.id] = on; edgeChanges.push({ id: e.id, hidden: !on }); }
    });
    if (nodeChanges.length) { visNodes.update(nodeChanges); }
    if (edgeChanges.length) { visEdges.update(edgeChanges); }
  }

  function groupLabel(g) { return "+" + state.groupCount[g.id] + " " + g.noun; }

  var countsBox = document.getElementById("counts");
  function record() {
    var nodes = 0, edges = 0, groups = 0;
    data.nodes.forEach(function (n) { if (state.drawn[n.id]) { nodes += 1; } });
    data.edges.forEach(function (e) { if (state.drawnEdge[e.id]) { edges += 1; } });
    data.groups.forEach(function (g) { if (state.drawnGroup[g.id]) { groups += 1; } });
    root.dataset.drawnNodes = String(nodes);
    root.dataset.visibleNodes = String(nodes);
    root.dataset.drawnEdges = String(edges);
    root.dataset.visibleEdges = String(edges);
    root.dataset.drawnGroups = String(groups);
    root.dataset.unconnected = String(state.unconnectedCount);
    root.dataset.totalNodes = String(data.nodes.length);
    document.getElementById("unconnected-count").textContent = "(" + state.unconnectedCount + ")";
    countsBox.textContent = "Đang vẽ / drawn: " + nodes + " / " + data.nodes.length + " nút · " + edges + " / " +
      data.edges.length + " cạnh" + (groups ? " · " + groups + " nhóm thu gọn / folded groups" : "");
  }

  var afterApply = [];  /* other parts (labels, highlight) refresh when the filters change */
  function apply() {
    computeVisibility();
    push();
    record();
    afterApply.forEach(function (f) { f(); });
    requestRedraw();
  }
  function drawnIds() {
    var ids = data.nodes.filter(function (n) { return state.drawn[n.id]; }).map(function (n) { return n.id; });
    return ids.concat(data.groups.filter(function (g) { return state.drawnGroup[g.id]; })
      .map(function (g) { return g.vid; }));
  }
  /* fit the drawn nodes with room for their labels (right of the nodes in the layered layout) */
  function fitDrawn() { fitTo(drawnIds()); }
  function fitTo(ids) {
    if (!ids.length) { return; }
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var b = network.body.nodes[id];
      if (!b) { return; }
      var r = b.options.size || 10;
      minX = Math.min(minX, b.x - r); maxX = Math.max(maxX, b.x + r);
      minY = Math.min(minY, b.y - r); maxY = Math.max(maxY, b.y + r);
    });
    var w = container.clientWidth, h = container.clientHeight;
    var side = data.labelSides[0] === "right", pad = 16;
    var left = pad, right = side ? pad + 175 : pad + 60, top = pad, bottom = side ? pad : pad + 30;
    var scale = Math.min((w - left - right) / Math.max(maxX - minX, 1), (h - top - bottom) / Math.max(maxY - minY, 1), 1.0);
    var cx = (minX + maxX) / 2 + (right - left) / (2 * scale), cy = (minY + maxY) / 2 + (bottom - top) / (2 * scale);
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  }
  function setExpanded(gid, open) {
    state.expanded[gid] = open;
    computeFolded();
  }

  /* ---- filter controls ---- */
  function checkItem(list, attrs, onChange, parts) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true;
    Object.keys(attrs).forEach(function (k) { box.dataset[k] = attrs[k]; });
    box.addEventListener("change", function () { onChange(box.checked); apply(); fitDrawn(); });
    label.appendChild(box);
    parts.forEach(function (p) { label.appendChild(p); });
    li.appendChild(label);
    list.appendChild(li);
  }
  var legend = document.getElementById("legend-list");
  data.classes.forEach(function (c) {
    var glyph = el("span", c.glyph, "glyph");
    glyph.style.color = c.colour;
    checkItem(legend, { cls: c.name }, function (on) { state.classOff[c.name] = !on; },
      [glyph, document.createTextNode(" " + c.label + " "), el("span", "(" + c.count + ")", "count")]);
  });
  var relationList = document.getElementById("relation-list");
  data.relations.forEach(function (r) {
    var swatch = el("span", "", "swatch" + (r.dashed ? " dashed" : ""));
    swatch.style.borderTopColor = r.colour;
    checkItem(relationList, { rel: r.name }, function (on) { state.relationOff[r.name] = !on; },
      [swatch, document.createTextNode(r.label + " "), el("span", "(" + r.count + ")", "count")]);
  });
  var provinceSelect = document.getElementById("province");
  var structureLabel = { "2025": "34 tỉnh, thành từ 2025 / since 2025", "2020": "63 tỉnh, thành trước 2025 / before 2025" };
  data.structures.forEach(function (s) {
    var group = el("optgroup");
    group.label = structureLabel[s] || s;
    data.provinces.forEach(function (p, i) {
      if (p.structure !== s) { return; }
      var o = el("option", p.name + " (" + p.count + ")");
      o.value = String(i);
      group.appendChild(o);
    });
    if (group.children.length) { provinceSelect.appendChild(group); }
  });
  provinceSelect.addEventListener("change", function () {
    state.province = Number(provinceSelect.value); apply(); fitDrawn();
  });
  var yearFrom = document.getElementById("year-from"), yearTo = document.getElementById("year-to");
  data.years.forEach(function (y) {
    var a = el("option", y), b = el("option", y);
    a.value = b.value = String(y);
    yearFrom.appendChild(a); yearTo.appendChild(b);
  });
  if (allYears) { yearFrom.value = String(state.yearFrom); yearTo.value = String(state.yearTo); }
  else { yearFrom.disabled = yearTo.disabled = true; }
  function onYears() {
    state.yearFrom = Math.min(Number(yearFrom.value), Number(yearTo.value));
    state.yearTo = Math.max(Number(yearFrom.value), Number(yearTo.value));
    apply(); fitDrawn();
  }
  yearFrom.addEventListener("change", onYears);
  yearTo.addEventListener("change", onYears);
  var undatedBox = document.getElementById("undated");
  undatedBox.addEventListener("change", function () { state.undated = undatedBox.checked; apply(); fitDrawn(); });
  var unconnectedBox = document.getElementById("unconnected");
  unconnectedBox.addEventListener("change", function () {
    state.unconnected = unconnectedBox.checked; apply(); fitDrawn();
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    data.groups.forEach(function (g) { state.expanded[g.id] = true; });
    computeFolded(); apply(); fitDrawn();
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    state.expanded = {};
    computeFolded(); apply(); fitDrawn();
  });
  if (!data.groups.length) { document.getElementById("group-buttons").hidden = true; }
