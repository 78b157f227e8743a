  /* ---- labels: drawn by the page, at a constant screen size, never on top of each other ----
     After every frame the drawn nodes are visited in priority order (the focus, aggregate nodes,
     then closer to the focus and better connected: data rank) and each label takes the first
     free place around its node (data.labelSides); a label with no free place waits for the
     reader to zoom in or hover. The boxes of the last frame are kept for tests and tools. */
  var LABEL_FONT = "12px system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
  var LINE = 14, MAX_WIDTH = 170, MAX_LINES = 2, GAP = 3, CELL = 64, SPACE = 4;
  var MAX_LABELS = large ? 250 : 600, MAX_TRIES = large ? 3000 : 20000;
  var labelCache = {};
  var lastLabels = [];
  var hoverId = null;
  var keepOnly = null;  /* while a neighbourhood is highlighted: only its labels */

  function measure(ctx, id, text) {
    var cached = labelCache[id];
    if (cached && cached.text === text) { return cached; }
    var words = text.split(/\s+/), lines = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (ctx.measureText(next).width <= MAX_WIDTH || !line) { line = next; continue; }
      lines.push(line); line = words[i];
      if (lines.length === MAX_LINES) { line = null; break; }
    }
    if (line !== null) { lines.push(line); }
    else {  /* more words than lines: end the last line with an ellipsis */
      var last = lines[MAX_LINES - 1];
      while (last.length > 1 && ctx.measureText(last + " …").width > MAX_WIDTH) { last = last.slice(0, -1); }
      lines[MAX_LINES - 1] = last.replace(/\s+$/, "") + " …";
    }
    lines = lines.map(function (l) {
      while (l.length > 1 && ctx.measureText(l).width > MAX_WIDTH) { l = l.slice(0, -2) + "…"; }
      return l;
    });
    var width = 0;
    lines.forEach(function (l) { width = Math.max(width, ctx.measureText(l).width); });
    cached = { text: text, lines: lines, w: Math.ceil(width) + 2, h: lines.length * LINE };
    labelCache[id] = cached;
    return cached;
  }

  var order = data.nodes.map(function (n) { return { id: n.id, rank: n.rank, node: n }; });
  data.groups.forEach(function (g, i) { order.push({ id: g.vid, rank: -0.5 + i / 1e6, group: g }); });
  order.sort(function (a, b) { return a.rank - b.rank; });

  function itemText(item) { return item.group ? groupLabel(item.group) : item.node.label; }
  function itemDrawn(item) { return item.group ? state.drawnGroup[item.group.id] : state.drawn[item.id]; }

  function boxesOverlap(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }
  function candidates(px, py, r, w, h) {
    var at = {
      right: { x: px + r + GAP, y: py - h / 2 },
      below: { x: px - w / 2, y: py + r + GAP },
      left: { x: px - r - GAP - w, y: py - h / 2 },
      above: { x: px - w / 2, y: py - r - GAP - h }
    };
    return data.labelSides.map(function (side) { var c = at[side]; return { x: c.x, y: c.y, w: w, h: h }; });
  }
  function drawLabel(ctx, box, lines, background) {
    if (background) {
      ctx.fillStyle = "rgba(255,255,255,0.92)";
      ctx.fillRect(box.x - 2, box.y - 1, box.w + 4, box.h + 2);
    }
    ctx.fillStyle = "#1a1a1a";
    lines.forEach(function (l, i) {
      var y = box.y + i * LINE + LINE / 2;
      ctx.strokeText(l, box.x + 1, y);
      ctx.fillText(l, box.x + 1, y);
    });
  }

  network.on("afterDrawing", function (ctx) {
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var ratio = network.canvas.pixelRatio || 1;
    var width = container.clientWidth, height = container.clientHeight;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    var grid = {}, placed = [], tries = 0;
    function cells(b) {
      var out = [];
      for (var cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.w) / CELL); cx++) {
        for (var cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.h) / CELL); cy++) { out.push(cx + ":" + cy); }
      }
      return out;
    }
    function free(b, owner) {
      var keys = cells(b);
      for (var i = 0; i < keys.length; i++) {
        var list = grid[keys[i]];
        if (!list) { continue; }
        for (var j = 0; j < list.length; j++) {
          if (list[j].owner !== owner && boxesOverlap(b, list[j])) { return false; }
        }
      }
      return true;
    }
    function add(b) { cells(b).forEach(function (c) { (grid[c] = grid[c] || []).push(b); }); }
    /* drawn nodes are obstacles too: a label never covers another node */
    for (var o = 0; o < order.length; o++) {
      var it = order[o];
      if (!itemDrawn(it)) { continue; }
      var nb = network.body.nodes[it.id];
      if (!nb) { continue; }
      var rr = (it.group ? 14 : it.node.size) * scale;
      var ox = nb.x * scale + tx, oy = nb.y * scale + ty;
      if (rr < 3 || ox < -rr || oy < -rr || ox > width + rr || oy > height + rr) { continue; }
      add({ x: ox - rr, y: oy - rr, w: 2 * rr, h: 2 * rr, owner: it.id });
    }
    for (var i = 0; i < order.length && placed.length < MAX_LABELS && tries < MAX_TRIES; i++) {
      var item = order[i];
      if (!itemDrawn(item) || item.id === hoverId) { continue; }
      if (keepOnly && !keepOnly[item.id]) { continue; }
      var body = network.body.nodes[item.id];
      if (!body) { continue; }
      var px = body.x * scale + tx, py = body.y * scale + ty;
      if (px < -MAX_WIDTH || py < -40 || px > width + MAX_WIDTH || py > height + 40) { continue; }
      tries += 1;
      var m = measure(ctx, item.id, itemText(item));
      var r = (item.group ? 14 : item.node.size) * scale;
      var options = candidates(px, py, r, m.w, m.h);
      for (var k = 0; k < options.length; k++) {
        var b = options[k];
        if (b.x < 0 || b.y < 0 || b.x + b.w > width || b.y + b.h > height) { continue; }
        /* other labels keep SPACE pixels away, so that two short names never read as one */
        var room = { x: b.x - SPACE, y: b.y - 1, w: b.w + 2 * SPACE, h: b.h + 2, owner: item.id };
        if (!free(room, item.id)) { continue; }
        b.owner = item.id;
        add(room);
        b.id = item.id; b.text = itemText(item); b.px = px; b.py = py; b.r = r;
        placed.push(b);
        drawLabel(ctx, b, m.lines, false);
        break;
      }
    }
    if (hoverId !== null && network.body.nodes[hoverId]) {  /* the hovered node always shows its name */
      var hb = network.body.nodes[hoverId];
      var hItem = groupById[hoverId] ? { id: hoverId, group: groupById[hoverId] } : { id: hoverId, node: byId[hoverId] };
      var hm = measure(ctx, hoverId, itemText(hItem));
      var hr = (hItem.group ? 14 : hItem.node.size) * scale;
      var hbox = candidates(hb.x * scale + tx, hb.y * scale + ty, hr, hm.w, hm.h)[0];
      drawLabel(ctx, hbox, hm.lines, true);
    }
    ctx.restore();
    lastLabels = placed;
    root.dataset.labels = String(placed.length);
  });
  network.on("hoverNode", function (p) { hoverId = p.node; requestRedraw(); });
  network.on("blurNode", function () { hoverId = null; requestRedraw(); });
