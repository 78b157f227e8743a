  /* ---- highlight, reveal and search ---- */
  var highlighted = false;
  function highlight(ids) {
    var keep = {};
    ids.forEach(function (id) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    });
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      nodeUpdates.push(keep[n.id] ? { id: n.id, color: nodeColour(n) } : { id: n.id, color: DIM });
    });
    data.groups.forEach(function (g) {
      nodeUpdates.push(keep[g.vid] ? { id: g.vid, color: groupColour(g) } : { id: g.vid, color: DIM });
    });
    visNodes.update(nodeUpdates);
    visEdges.update(data.edges.map(function (e) {
      var on = keep[e.from] && keep[e.to] && (ids.indexOf(e.from) >= 0 || ids.indexOf(e.to) >= 0);
      return { id: e.id, color: on ? edgeColour(e) : { color: "rgba(190,190,190,0.25)", opacity: 1 } };
    }));
    highlighted = true;
    keepOnly = keep;
    var count = 0;
    Object.keys(keep).forEach(function (k) { if (byId[k] && state.drawn[k]) { count += 1; } });
    root.dataset.highlighted = String(count);
    return count;
  }
  function resetHighlight() {
    if (highlighted) {
      visNodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColour(n) }; })
        .concat(data.groups.map(function (g) { return { id: g.vid, color: groupColour(g) }; })));
      visEdges.update(data.edges.map(function (e) { return { id: e.id, color: edgeColour(e) }; }));
      highlighted = false;
    }
    keepOnly = null;
    root.dataset.highlighted = "0";
  }
  /* make a node drawn: open the groups it is folded in, show it even if it has no drawn edge */
  function reveal(id) {
    for (var guard = 0; state.folded[id] && guard < 64; guard++) {
      var cur = byId[id];
      while (cur) {
        if (cur.group >= 0 && !state.expanded[cur.group]) { state.expanded[cur.group] = true; break; }
        cur = cur.parents.map(function (p) { return byId[p]; }).filter(function (u) { return state.folded[u.id]; })[0];
      }
      computeFolded();
    }
    computeVisibility();
    if (state.base[id] && !state.drawn[id]) {
      state.unconnected = true;
      document.getElementById("unconnected").checked = true;
    }
    apply();
  }
  /* show the highlighted nodes: the node and its drawn neighbours */
  function fitHighlighted() {
    fitTo(Object.keys(keepOnly || {}).map(function (k) { return byId[k] ? Number(k) : k; })
      .filter(function (id) { return byId[id] ? state.drawn[id] : state.drawnGroup[groupById[id] && groupById[id].id]; }));
  }
  function select(id) {
    root.dataset.highlighted = String(highlight([id]));
    network.selectNodes([id]);
    showNode(id);
    fitHighlighted();
  }

  var status = document.getElementById("status");
  var datalist = document.getElementById("labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (!seen[n.label]) { seen[n.label] = true; var o = el("option"); o.value = n.label; datalist.appendChild(o); }
  });
  /* exact key of the label or an alias first, else a key containing the text */
  function matches(text, candidates) {
    var k = key(text);
    if (!k) { return []; }
    var exact = candidates.filter(function (n) { return n.keys.indexOf(k) >= 0; });
    if (exact.length) { return exact; }
    return candidates.filter(function (n) { return n.keys.some(function (nk) { return nk.indexOf(k) >= 0; }); });
  }
  function search(text) {
    var passing = data.nodes.filter(function (n) { return state.base[n.id]; });
    return matches(text, passing).map(function (n) { return n.id; });
  }
  function say(text, miss) {
    status.textContent = text;
    status.className = miss ? "miss" : "";
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("search").value;
    var ids = search(text);
    root.dataset.searchHits = String(ids.length);
    if (!ids.length) {
      resetHighlight();
      var hidden = key(text) ? matches(text, data.nodes).length : 0;
      say(key(text) ? "Không tìm thấy “" + text.trim() + "” / no match" +
          (hidden ? " (" + hidden + " bị bộ lọc ẩn / hidden by the filters)" : "") : "", true);
      return;
    }
    ids.forEach(reveal);
    say(ids.length === 1 ? "1 kết quả / match" : ids.length + " kết quả / matches", false);
    network.selectNodes(ids);
    root.dataset.highlighted = String(highlight(ids));
    showNode(ids[0]);
    fitHighlighted();
  });
