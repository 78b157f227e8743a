  /* ---- wiring: clicks, buttons, the first view ---- */
  network.on("click", function (p) {
    if (p.nodes.length) {
      var id = p.nodes[0];
      if (groupById[id]) {
        var g = groupById[id];
        resetHighlight();
        setExpanded(g.id, true); apply(); fitDrawn(); showGroup(g);
        return;
      }
      root.dataset.highlighted = String(highlight([id]));
      showNode(id);
    } else if (p.edges.length && edgeById[p.edges[0]]) {
      showEdge(p.edges[0]);
    } else {
      resetHighlight(); network.unselectAll();
    }
  });
  document.getElementById("reset").addEventListener("click", function () {
    resetHighlight(); network.unselectAll(); info.hidden = true; say("", false);
    root.dataset.searchHits = "";
    requestRedraw();
  });
  document.getElementById("fit").addEventListener("click", fitDrawn);
  var physicsBox = document.getElementById("physics");
  physicsBox.checked = data.physics;
  physicsBox.addEventListener("change", function () { network.setOptions({ physics: { enabled: physicsBox.checked } }); });
  if (data.mapLink) {
    var mapLink = document.getElementById("map-link");
    mapLink.href = data.mapLink;  /* checked in Python: a relative URL, no scheme, no host */
    mapLink.hidden = false;
  }
  document.getElementById("summary").textContent =
    data.nodes.length + " nút / nodes · " + data.edges.length + " cạnh / edges · " + data.note;

  /* for tests, notebooks and tools: the instance, the label boxes of the last frame, apply() */
  window.danvan = {
    network: network,
    labels: function () {
      return lastLabels.map(function (b) { return { id: b.id, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h,
                                                      px: b.px, py: b.py, r: b.r }; });
    },
    state: function () {
      return { drawn: Object.keys(state.drawn).filter(function (k) { return state.drawn[k]; }).map(Number),
               groups: Object.keys(state.drawnGroup).filter(function (k) { return state.drawnGroup[k]; }).map(Number),
               edges: Object.keys(state.drawnEdge).filter(function (k) { return state.drawnEdge[k]; }).map(Number) };
    }
  };

  apply();  /* the first view was decided in draw.js: this only records its counts */
  fitDrawn();
  network.once("afterDrawing", function () {
    root.dataset.renderState = "drawn";
  });
  requestRedraw();
