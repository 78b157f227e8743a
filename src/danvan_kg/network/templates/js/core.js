  /* ---- core: the data, text helpers, the vis-network instance ---- */
  var root = document.documentElement;
  root.dataset.renderState = "loading";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var classStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  var relationStyle = {};
  data.relations.forEach(function (r) { relationStyle[r.name] = r; });
  var large = data.nodes.length > 1000;
  var DIM = "rgba(190,190,190,0.35)";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  /* the search key: no diacritics (đ → d), lower case, punctuation as spaces */
  function key(s) {
    return String(s).replace(/[đĐÐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function shortClass(name) {
    var style = classStyle[name];
    return style ? style.label : name;
  }

  var byId = {};
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    n.keys = [key(n.label)].concat(n.aliases.map(key)).filter(function (k) { return k; });
  });
  var edgeById = {};
  var edgesOf = {};
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) { (edgesOf[e.to] = edgesOf[e.to] || []).push(e); }
  });
  var GROUP = "g";  /* vis ids of aggregate nodes and their edges: "g0", "g1", ... */
  var groupById = {};
  data.groups.forEach(function (g) {
    g.vid = GROUP + g.id;
    groupById[g.vid] = g;
  });

  function nodeColour(n) {
    var c = classStyle[n.type].colour;
    return { background: c, border: n.focus ? "#000" : c, highlight: { background: c, border: "#000" },
             hover: { background: c, border: "#000" } };
  }
  function groupColour(g) {
    var c = classStyle[g.type].colour;
    return { background: "#fff", border: c, highlight: { background: "#f4f4f4", border: "#000" },
             hover: { background: "#f4f4f4", border: "#000" } };
  }
  function edgeColour(e) {
    var c = (relationStyle[e.relation] || {}).colour || "#8a8a8a";
    return { color: c, highlight: "#222", hover: "#222", opacity: 0.75 };
  }

