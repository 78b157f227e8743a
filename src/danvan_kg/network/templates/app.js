/* danvan-kg network page. All text from the graph reaches the page through textContent or
   element properties: no string is ever parsed as markup. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.dataset.renderState = "loading";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var styles = {};
  data.classes.forEach(function (c) { styles[c.name] = c; });
  var DIM = "rgba(190,190,190,0.35)";
  var EDGE = { color: "#8a8a8a", highlight: "#333" };
  var EDGE_DIM = { color: "rgba(190,190,190,0.25)", highlight: "#333" };
  var large = !data.physics;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function key(s) {
    return String(s).replace(/[đĐÐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function nodeColour(n) {
    var c = styles[n.type].colour;
    return { background: c, border: c, highlight: { background: c, border: "#000" },
             hover: { background: c, border: "#000" } };
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; n.key = key(n.label); });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: styles[n.type].shape,
             color: nodeColour(n), font: { color: "#222" } };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.relation, arrows: "to",
             width: 1 + Math.log(1 + e.evidence_count), color: EDGE };
  }));

  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: { enabled: data.physics, stabilization: { enabled: true, iterations: 120, fit: true },
               barnesHut: { springLength: 120, avoidOverlap: 0.2 } },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 150 },
    nodes: { borderWidth: 1, font: { size: 14, face: "system-ui, sans-serif" } },
    edges: { smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.3 },
             font: { size: 10, align: "middle", color: "#555", strokeWidth: 2 },
             arrows: { to: { enabled: true, scaleFactor: 0.5 } } }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  function recordVisible() {
    root.dataset.visibleNodes = String(network.body.nodeIndices.length);
    root.dataset.visibleEdges = String(network.body.edgeIndices.length);
  }
  network.once("afterDrawing", function () {
    root.dataset.drawnNodes = String(network.body.nodeIndices.length);
    root.dataset.drawnEdges = String(network.body.edgeIndices.length);
    recordVisible();
    root.dataset.renderState = "drawn";
  });

  /* ---- info panel (tooltips) ---- */
  var info = document.getElementById("info");
  function addField(dl, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function sourceList(sources) {
    var ul = el("ul");
    sources.slice(0, 5).forEach(function (s) {
      var li = el("li");
      if (/^https?:\/\//i.test(s)) {
        var a = el("a", s);
        a.href = s; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else { li.textContent = s; }
      ul.appendChild(li);
    });
    if (sources.length > 5) { ul.appendChild(el("li", "+" + (sources.length - 5) + " …")); }
    return ul;
  }
  function quote(text) { return text ? el("blockquote", text) : ""; }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    info.replaceChildren();
    info.appendChild(el("h3", n.label));
    var dl = el("dl");
    addField(dl, "Lớp / class", n.subtype ? n.type + " (" + n.subtype + ")" : n.type);
    addField(dl, "Địa bàn / place", n.place);
    addField(dl, "Bậc / degree", n.degree);
    addField(dl, "Nguồn / sources", n.sources.length ? sourceList(n.sources) : "");
    addField(dl, "Câu / sentence", quote(n.sentence));
    addField(dl, "IRI", n.iri);
    info.appendChild(dl);
    info.hidden = false;
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    info.replaceChildren();
    info.appendChild(el("h3", byId[e.from].label + " → " + e.relation + " → " + byId[e.to].label));
    var dl = el("dl");
    addField(dl, "Quan hệ / relation", e.relation);
    addField(dl, "Bằng chứng / evidence", e.evidence_count + " (confidence " + e.confidence + ")");
    addField(dl, "Câu / sentence", quote(e.sentence));
    addField(dl, "Nguồn / source", e.source ? sourceList([e.source]) : "");
    info.appendChild(dl);
    info.hidden = false;
  }
  var pinned = false;
  network.on("hoverNode", function (p) { if (!pinned) { showNode(p.node); } });
  network.on("hoverEdge", function (p) { if (!pinned) { showEdge(p.edge); } });

  /* ---- neighbourhood highlight ---- */
  var highlighted = false;
  function highlight(ids) {
    var keep = {};
    ids.forEach(function (id) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    });
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id] ? { id: n.id, color: nodeColour(n), font: { color: "#222" } }
                        : { id: n.id, color: DIM, font: { color: "rgba(150,150,150,0.4)" } };
    }));
    edges.update(data.edges.map(function (e) {
      return keep[e.from] && keep[e.to] ? { id: e.id, color: EDGE, font: { color: "#555" } }
                                        : { id: e.id, color: EDGE_DIM, font: { color: "rgba(150,150,150,0.3)" } };
    }));
    highlighted = true;
    return Object.keys(keep).length;
  }
  function resetHighlight() {
    if (highlighted) {
      nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColour(n), font: { color: "#222" } }; }));
      edges.update(data.edges.map(function (e) { return { id: e.id, color: EDGE, font: { color: "#555" } }; }));
      highlighted = false;
    }
    pinned = false;
    root.dataset.highlighted = "0";
  }
  network.on("click", function (p) {
    if (p.nodes.length) {
      root.dataset.highlighted = String(highlight(p.nodes));
      pinned = true; showNode(p.nodes[0]);
    } else if (p.edges.length) {
      pinned = true; showEdge(p.edges[0]);
    } else {
      resetHighlight(); network.unselectAll();
    }
  });

  /* ---- search ---- */
  var status = document.getElementById("status");
  var datalist = document.getElementById("labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (!seen[n.label]) { seen[n.label] = true; var o = document.createElement("option"); o.value = n.label; datalist.appendChild(o); }
  });
  function search(text) {
    var k = key(text);
    if (!k) { return []; }
    var exact = data.nodes.filter(function (n) { return n.key === k; });
    var hits = exact.length ? exact : data.nodes.filter(function (n) { return n.key.indexOf(k) >= 0; });
    return hits.filter(function (n) { return !hiddenClass[n.type]; }).map(function (n) { return n.id; });
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var ids = search(document.getElementById("search").value);
    root.dataset.searchHits = String(ids.length);
    if (!ids.length) { status.textContent = "0"; resetHighlight(); return; }
    status.textContent = ids.length + " ✓";
    network.selectNodes(ids);
    root.dataset.highlighted = String(highlight(ids));
    pinned = true; showNode(ids[0]);
    if (ids.length === 1) { network.focus(ids[0], { scale: 1.2, animation: false }); }
    else { network.fit({ nodes: ids, animation: false }); }
  });
  document.getElementById("reset").addEventListener("click", function () {
    resetHighlight(); network.unselectAll(); info.hidden = true; status.textContent = "";
  });

  /* ---- legend and class filters ---- */
  var hiddenClass = {};
  var legend = document.getElementById("legend-list");
  data.classes.forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.cls = c.name;
    box.addEventListener("change", function () {
      hiddenClass[c.name] = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.type === c.name; })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
      recordVisible();
    });
    var glyph = el("span", c.glyph, "glyph");
    glyph.style.color = c.colour;
    label.appendChild(box); label.appendChild(glyph);
    label.appendChild(document.createTextNode(" " + c.label + " "));
    label.appendChild(el("span", "(" + c.count + ")", "count"));
    li.appendChild(label);
    legend.appendChild(li);
  });

  var physicsBox = document.getElementById("physics");
  physicsBox.checked = data.physics;
  physicsBox.addEventListener("change", function () { network.setOptions({ physics: { enabled: physicsBox.checked } }); });

  document.getElementById("summary").textContent =
    data.nodes.length + " nút / nodes · " + data.edges.length + " cạnh / edges · " + data.note;
}());
