  /* ---- reading panel: what a node, an edge or a folded group says, with its evidence ---- */
  var info = document.getElementById("info");
  var MAX_RELATIONS = 30;

  function addField(dl, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function sourceLink(s) {
    if (/^https?:\/\//i.test(s)) {
      var a = el("a", s);
      a.href = s; a.target = "_blank"; a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", s);
  }
  function sourceList(sources, limit) {
    var ul = el("ul");
    sources.slice(0, limit).forEach(function (s) { var li = el("li"); li.appendChild(sourceLink(s)); ul.appendChild(li); });
    if (sources.length > limit) { ul.appendChild(el("li", "+" + (sources.length - limit) + " …")); }
    return ul;
  }
  function quote(text) { return text ? el("blockquote", text) : ""; }
  function nodeButton(id) {  /* a link-looking control that selects a node of the page */
    var b = el("a", byId[id].label, "link");
    b.href = "#";
    b.setAttribute("role", "button");
    b.addEventListener("click", function (ev) { ev.preventDefault(); reveal(id); select(id); });
    return b;
  }
  function provinceText(n) {
    return n.provinces.map(function (i) {
      var p = data.provinces[i];
      return p.name + " (" + p.structure + ")";
    }).join(" · ");
  }
  function yearText(item) {
    var parts = item.years.map(String);
    if (item.undated && item.years.length) { parts.push("không ghi ngày / undated"); }
    return parts.join(", ");
  }
  function relationName(name) { return (relationStyle[name] || {}).label || name; }

  function relationItem(e, n) {
    var li = el("li", null, "rel");
    var out = e.from === n.id;
    li.appendChild(el("span", (out ? "→ " : "← ") + relationName(e.relation) + " ", "rel-name"));
    li.appendChild(nodeButton(out ? e.to : e.from));
    if (e.sentence) { li.appendChild(quote(e.sentence)); }
    if (e.source) { li.appendChild(sourceLink(e.source)); }
    return li;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    info.replaceChildren();
    info.appendChild(el("h3", n.label));
    var dl = el("dl");
    addField(dl, "Lớp / class", shortClass(n.type) + (n.subtype ? " (" + n.subtype + ")" : ""));
    addField(dl, "Tên khác / also called", n.aliases.slice(0, 6).join(" · "));
    addField(dl, "Địa bàn / place", n.place);
    addField(dl, "Tỉnh / province", provinceText(n));
    addField(dl, "Năm nguồn / source years", yearText(n));
    var rels = (edgesOf[n.id] || []).slice().sort(function (a, b) {
      return (b.confidence - a.confidence) || a.relation.localeCompare(b.relation);
    });
    if (rels.length) {
      var ul = el("ul");
      rels.slice(0, MAX_RELATIONS).forEach(function (e) { ul.appendChild(relationItem(e, n)); });
      if (rels.length > MAX_RELATIONS) { ul.appendChild(el("li", "+" + (rels.length - MAX_RELATIONS) + " …")); }
      addField(dl, "Quan hệ / relations (" + rels.length + ")", ul);
    } else {
      addField(dl, "Câu / sentence", quote(n.sentence));
    }
    addField(dl, "Nguồn / sources", n.sources.length ? sourceList(n.sources, 5) : "");
    addField(dl, "IRI", n.iri);
    info.appendChild(dl);
    info.hidden = false;
    info.dataset.showing = "node";
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    info.replaceChildren();
    info.appendChild(el("h3", byId[e.from].label + " → " + relationName(e.relation) + " → " + byId[e.to].label));
    var dl = el("dl");
    var ends = el("span");
    ends.appendChild(nodeButton(e.from)); ends.appendChild(document.createTextNode(" → ")); ends.appendChild(nodeButton(e.to));
    addField(dl, "Quan hệ / relation", e.relation);
    addField(dl, "Giữa / between", ends);
    addField(dl, "Bằng chứng / evidence", e.evidence_count + " (độ tin cậy / confidence " + e.confidence + ")");
    addField(dl, "Câu / sentence", quote(e.sentence));
    addField(dl, "Nguồn / sources", e.sources.length ? sourceList(e.sources, 8) : (e.source ? sourceList([e.source], 1) : ""));
    addField(dl, "Năm nguồn / source years", yearText(e));
    info.appendChild(dl);
    info.hidden = false;
    info.dataset.showing = "edge";
  }
  function showGroup(g) {
    info.replaceChildren();
    info.appendChild(el("h3", groupLabel(g)));
    var dl = el("dl");
    addField(dl, "Của / around", nodeButton(g.parent));
    var ul = el("ul");
    g.members.filter(function (m) { return state.base[m]; }).slice(0, 40).forEach(function (m) {
      var li = el("li"); li.appendChild(nodeButton(m)); ul.appendChild(li);
    });
    addField(dl, "Gồm / members", ul);
    var toggle = el("button", state.expanded[g.id] ? "Thu gọn / collapse" : "Mở nhóm / expand");
    toggle.type = "button";
    toggle.addEventListener("click", function () {
      setExpanded(g.id, !state.expanded[g.id]); apply(); fitDrawn(); showGroup(g);
    });
    info.appendChild(dl);
    info.appendChild(toggle);
    info.hidden = false;
    info.dataset.showing = "group";
  }
