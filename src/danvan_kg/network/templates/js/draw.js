  /* ---- draw: the vis-network instance, created with the first view already decided ---- */
  computeFolded();
  computeVisibility();
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    shown["n" + n.id] = !!state.drawn[n.id];
    return { id: n.id, x: n.x, y: n.y, size: n.size, shape: classStyle[n.type].shape, hidden: !state.drawn[n.id],
             color: nodeColour(n), borderWidth: n.focus ? 3 : 1 };
  }).concat(data.groups.map(function (g) {
    shown[g.vid] = !!state.drawnGroup[g.id];
    shown[g.vid + "#"] = state.groupCount[g.id];
    return { id: g.vid, x: g.x, y: g.y, size: 14, shape: classStyle[g.type].shape, hidden: !state.drawnGroup[g.id],
             color: groupColour(g), borderWidth: 2, shapeProperties: { borderDashes: [4, 3] } };
  })));
  var visEdges = new vis.DataSet(data.edges.map(function (e) {
    var style = relationStyle[e.relation] || {};
    shown["e" + e.id] = !!state.drawnEdge[e.id];
    return { id: e.id, from: e.from, to: e.to, hidden: !state.drawnEdge[e.id], dashes: !!style.dashed,
             width: 1 + Math.log(1 + e.evidence_count), color: edgeColour(e) };
  }).concat(data.groups.map(function (g) {
    return { id: g.vid, from: g.parent, to: g.vid, hidden: !state.drawnGroup[g.id], dashes: [2, 4],
             arrows: { to: { enabled: false } },
             color: { color: classStyle[g.type].colour, opacity: 0.6 } };
  })));

  var layered = data.layout === "layered";
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: { enabled: data.physics, stabilization: { enabled: true, iterations: 120, fit: false },
               barnesHut: { springLength: 120, avoidOverlap: 0.2 } },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 150 },
    nodes: { borderWidth: 1, font: { size: 0 } },
    edges: { smooth: large ? false : (layered ? { enabled: true, type: "cubicBezier", forceDirection: "horizontal",
                                                  roundness: 0.45 } : false),
             arrows: { to: { enabled: true, scaleFactor: 0.45 } } }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);
  /* a redraw on the next frame (vis-network merges requests), never a synchronous full draw */
  function requestRedraw() { network.body.emitter.emit("_requestRedraw"); }
