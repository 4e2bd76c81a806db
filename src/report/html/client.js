// The HTML report's browser script. It reads the report data from the
// `application/json` script element, builds every piece of site text with
// textContent (never innerHTML), lays the link graph out with d3-force for a
// bounded number of ticks and draws it on a canvas, so that thousands of
// pages stay responsive.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('linkgraph-data').textContent);
  var pages = data.pages;
  var edges = data.edges;
  var byUrl = new Map();
  pages.forEach(function (page, index) { byUrl.set(page.url, index); });
  var inbound = pages.map(function () { return []; });
  var outbound = pages.map(function () { return []; });
  edges.forEach(function (edge) { outbound[edge[0]].push(edge[1]); inbound[edge[1]].push(edge[0]); });
  var findingsByPage = new Map();
  data.findings.forEach(function (finding) {
    var list = findingsByPage.get(finding.page);
    if (list) list.push(finding); else findingsByPage.set(finding.page, [finding]);
  });

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    if (attributes) Object.keys(attributes).forEach(function (key) {
      if (key === 'text') node.textContent = attributes[key];
      else if (key === 'className') node.className = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child != null) node.append(child); });
    return node;
  }
  // A fragment rather than spread arguments: a spread of 100,000 rows would overflow the stack.
  function fragmentOf(nodes) {
    var fragment = document.createDocumentFragment();
    nodes.forEach(function (node) { fragment.appendChild(node); });
    return fragment;
  }
  function fmt(value, digits) {
    return value === undefined || value === null ? '–' : typeof value === 'number' && digits !== undefined && !Number.isInteger(value) ? value.toFixed(digits) : String(value);
  }

  // ---- Findings: filter by rule, severity and text. ----
  var ruleSelect = document.getElementById('filter-rule');
  var severitySelect = document.getElementById('filter-severity');
  var textInput = document.getElementById('filter-text');
  var findingRows = document.getElementById('finding-rows');
  var findingCount = document.getElementById('finding-count');
  var rules = Array.from(new Set(data.findings.map(function (finding) { return finding.ruleId; }))).sort();
  var ruleInfo = new Map(data.rules.map(function (rule) { return [rule.id, rule]; }));
  rules.forEach(function (rule) {
    var count = data.findings.filter(function (finding) { return finding.ruleId === rule; }).length;
    ruleSelect.append(el('option', { value: rule, text: rule + ' (' + count + ')', title: ruleInfo.has(rule) ? ruleInfo.get(rule).description : rule }));
  });
  var rows = data.findings.map(function (finding) {
    var pageButton = el('button', { className: 'linkish mono', type: 'button', text: finding.page });
    pageButton.addEventListener('click', function () { select(byUrl.get(finding.page), true); });
    var row = el('tr', { 'data-rule': finding.ruleId, 'data-severity': finding.severity }, [
      el('td', { className: 'sev sev-' + finding.severity, text: finding.severity }),
      el('td', { className: 'mono', text: finding.ruleId, title: ruleInfo.has(finding.ruleId) ? ruleInfo.get(finding.ruleId).description : finding.ruleId }),
      el('td', null, [pageButton]),
      el('td', { className: 'mono', text: finding.place }),
      el('td', { text: finding.message }),
    ]);
    row.dataset.search = (finding.message + ' ' + finding.page + ' ' + finding.place + ' ' + (finding.href || '') + ' ' + (finding.text || '')).toLowerCase();
    return row;
  });
  findingRows.append(fragmentOf(rows));
  function filterFindings() {
    var rule = ruleSelect.value;
    var severity = severitySelect.value;
    var needle = textInput.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (rule === '' || row.dataset.rule === rule) && (severity === '' || row.dataset.severity === severity) && (needle === '' || row.dataset.search.indexOf(needle) !== -1);
      row.hidden = !visible;
      if (visible) shown++;
    });
    findingCount.textContent = 'Showing ' + shown + ' of ' + rows.length + ' findings';
  }
  [ruleSelect, severitySelect].forEach(function (input) { input.addEventListener('change', filterFindings); });
  textInput.addEventListener('input', filterFindings);
  filterFindings();

  // ---- Pages: sortable metrics table. ----
  var pageRows = document.getElementById('page-rows');
  var pageFilter = document.getElementById('filter-page');
  var hasDepth = pages.some(function (page) { return page.depth !== undefined; });
  var hasScore = pages.some(function (page) { return page.score !== undefined; });
  document.querySelectorAll('[data-optional]').forEach(function (cell) {
    var column = cell.getAttribute('data-optional');
    cell.hidden = column === 'depth' ? !hasDepth : !hasScore;
  });
  function statusBadges(page) {
    var badges = [];
    if (page.entry) badges.push(el('span', { className: 'badge entry', text: 'entry' }));
    if (page.orphan) badges.push(el('span', { className: 'badge orphan', text: 'orphan' }));
    if (page.unreachable) badges.push(el('span', { className: 'badge unreachable', text: 'unreachable' }));
    if (page.indexable === false) badges.push(el('span', { className: 'badge noindex', text: page.exclusion ? 'excluded: ' + page.exclusion : 'not indexable' }));
    return badges;
  }
  var pageRowList = pages.map(function (page, index) {
    var button = el('button', { className: 'linkish mono', type: 'button', text: page.url });
    button.addEventListener('click', function () { select(index, true); });
    var depth = el('td', { className: 'num', text: fmt(page.depth) });
    depth.hidden = !hasDepth;
    var score = el('td', { className: 'num', text: fmt(page.score, 1) });
    score.hidden = !hasScore;
    var row = el('tr', null, [
      el('td', null, [button]),
      el('td', { text: page.title || '' }),
      el('td', { className: 'num', text: String(page.inlinks) }),
      el('td', { className: 'num', text: String(page.outlinks) }),
      depth,
      score,
      el('td', { className: 'num', text: String((findingsByPage.get(page.url) || []).length) }),
      el('td', null, statusBadges(page)),
    ]);
    row.dataset.search = (page.url + ' ' + (page.title || '')).toLowerCase();
    return { row: row, page: page, index: index };
  });
  var sortKey = 'url';
  var sortDirection = 1;
  function renderPages() {
    var needle = pageFilter.value.trim().toLowerCase();
    var sorted = pageRowList.slice().sort(function (a, b) {
      var x = sortKey === 'findings' ? (findingsByPage.get(a.page.url) || []).length : a.page[sortKey];
      var y = sortKey === 'findings' ? (findingsByPage.get(b.page.url) || []).length : b.page[sortKey];
      if (x === undefined || x === null) x = sortDirection > 0 ? Infinity : -Infinity;
      if (y === undefined || y === null) y = sortDirection > 0 ? Infinity : -Infinity;
      return (x < y ? -1 : x > y ? 1 : a.index - b.index) * sortDirection;
    });
    sorted.forEach(function (entry) { entry.row.hidden = needle !== '' && entry.row.dataset.search.indexOf(needle) === -1; });
    pageRows.replaceChildren(fragmentOf(sorted.map(function (entry) { return entry.row; })));
  }
  document.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      sortDirection = key === sortKey ? -sortDirection : key === 'url' || key === 'title' || key === 'depth' ? 1 : -1;
      sortKey = key;
      renderPages();
    });
  });
  pageFilter.addEventListener('input', renderPages);
  renderPages();

  // ---- Graph: d3-force layout, canvas drawing, pan, zoom, click to select. ----
  var canvas = document.getElementById('graph');
  var context = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var details = document.getElementById('details');
  var templateToggle = document.getElementById('graph-template');
  var colors = { node: '#5c6bc0', entry: '#2e7d32', orphan: '#d32f2f', unreachable: '#ef6c00', edge: 'rgba(60,70,90,0.16)', inlink: '#0277bd', outlink: '#2e7d32', mutual: '#8e24aa', selected: '#111', label: '#1f2430' };
  var nodes = pages.map(function (page, index) {
    return { index: index, radius: 3 + Math.min(9, Math.sqrt(page.inlinks)) };
  });
  // Content links (flag 1) make the picture: template links (navigation, sidebars) join every page to
  // every other, so they are drawn only on demand, and never pull the layout together.
  var links = edges.map(function (edge) { return { source: edge[0], target: edge[1], content: (edge[2] & 1) !== 0 }; });
  var contentLinks = links.filter(function (link) { return link.content; });
  var showTemplate = false;
  // Pages cluster by their first path segment: a section, or a locale's root (`/fr/`), so that the
  // site's parts, and the orphans and islands among them, stand apart.
  var clusterNames = [];
  var clusterOf = pages.map(function (page) {
    var match = /^\/([^/]+)\//.exec(page.url);
    var name = match ? match[1] : '/';
    var at = clusterNames.indexOf(name);
    if (at === -1) at = clusterNames.push(name) - 1;
    return at;
  });
  var clusterRadius = 60 * Math.sqrt(pages.length) / Math.max(1, Math.sqrt(clusterNames.length));
  var clusterCenters = clusterNames.map(function (_, at) {
    if (clusterNames.length === 1) return { x: 0, y: 0 };
    var angle = 2 * Math.PI * at / clusterNames.length;
    return { x: Math.cos(angle) * clusterRadius, y: Math.sin(angle) * clusterRadius };
  });
  var transform = { x: 0, y: 0, k: 1 };
  var selected = -1;
  var hovered = -1;
  var ticksDone = 0;
  var maxTicks = nodes.length > 3000 ? 120 : nodes.length > 1000 ? 200 : 300;
  var layoutStarted = performance.now();
  var simulation = null;
  if (nodes.length > 0 && window.d3 && window.d3.forceSimulation) {
    simulation = window.d3.forceSimulation(nodes)
      .force('link', window.d3.forceLink(contentLinks).distance(36).strength(0.6))
      .force('charge', window.d3.forceManyBody().strength(nodes.length > 1000 ? -40 : -90).theta(0.9).distanceMax(600))
      .force('x', window.d3.forceX(function (node) { return clusterCenters[clusterOf[node.index]].x; }).strength(0.08))
      .force('y', window.d3.forceY(function (node) { return clusterCenters[clusterOf[node.index]].y; }).strength(0.08))
      // Cool down within the tick budget rather than d3's default 300 ticks.
      .alphaDecay(1 - Math.pow(0.001, 1 / maxTicks))
      .stop();
    // Overlap removal costs a quadtree per tick; small graphs, where overlaps show, can afford it.
    if (nodes.length <= 1000) simulation.force('collide', window.d3.forceCollide(function (node) { return node.radius + 1; }).iterations(1));
  }

  function colorOf(page) {
    return page.orphan ? colors.orphan : page.unreachable ? colors.unreachable : page.entry ? colors.entry : colors.node;
  }
  function resize() {
    var ratio = window.devicePixelRatio || 1;
    var box = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * ratio));
    canvas.height = Math.max(1, Math.round(box.height * ratio));
    draw();
  }
  function fit() {
    if (nodes.length === 0) return;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (node) {
      minX = Math.min(minX, node.x - node.radius); maxX = Math.max(maxX, node.x + node.radius);
      minY = Math.min(minY, node.y - node.radius); maxY = Math.max(maxY, node.y + node.radius);
    });
    var box = canvas.getBoundingClientRect();
    var k = Math.min(box.width / Math.max(1, maxX - minX + 160), box.height / Math.max(1, maxY - minY + 40), 2.5);
    transform = { k: k, x: box.width / 2 - k * (minX + maxX) / 2, y: box.height / 2 - k * (minY + maxY) / 2 };
  }
  function draw() {
    var ratio = window.devicePixelRatio || 1;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(ratio * transform.k, 0, 0, ratio * transform.k, ratio * transform.x, ratio * transform.y);
    // All edges in one path: one stroke call however many there are.
    context.beginPath();
    var drawn = showTemplate ? links : contentLinks;
    for (var i = 0; i < drawn.length; i++) {
      var link = drawn[i];
      context.moveTo(link.source.x, link.source.y);
      context.lineTo(link.target.x, link.target.y);
    }
    context.lineWidth = 1 / transform.k;
    context.strokeStyle = colors.edge;
    context.stroke();
    if (selected >= 0) {
      // Links both ways get their own colour, so that neither direction hides the other.
      var out = new Set(outbound[selected]);
      var both = inbound[selected].filter(function (from) { return out.has(from); });
      var mutual = new Set(both);
      drawEdges(inbound[selected].filter(function (from) { return !mutual.has(from); }).map(function (from) { return [from, selected]; }), colors.inlink);
      drawEdges(outbound[selected].filter(function (to) { return !mutual.has(to); }).map(function (to) { return [selected, to]; }), colors.outlink);
      drawEdges(both.map(function (other) { return [selected, other]; }), colors.mutual);
    }
    // Nodes grouped by colour, one fill per group.
    var groups = new Map();
    nodes.forEach(function (node) {
      var color = colorOf(pages[node.index]);
      var group = groups.get(color);
      if (group) group.push(node); else groups.set(color, [node]);
    });
    // Orphans and unreachable pages last, so they sit on top.
    [colors.node, colors.entry, colors.unreachable, colors.orphan].forEach(function (color) {
      var group = groups.get(color);
      if (!group) return;
      context.beginPath();
      group.forEach(function (node) {
        var radius = drawnRadius(node);
        context.moveTo(node.x + radius, node.y);
        context.arc(node.x, node.y, radius, 0, 2 * Math.PI);
      });
      context.fillStyle = color;
      context.fill();
    });
    // Each cluster's name at its pages' centre, when there are several.
    if (clusterNames.length > 1 && clusterNames.length <= 40) {
      var sums = clusterNames.map(function () { return { x: 0, y: 0, n: 0 }; });
      nodes.forEach(function (node) { var sum = sums[clusterOf[node.index]]; sum.x += node.x; sum.y += node.y; sum.n++; });
      context.font = 'bold ' + 13 / transform.k + 'px system-ui, sans-serif';
      context.fillStyle = 'rgba(31,36,48,0.55)';
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      sums.forEach(function (sum, at) { if (sum.n > 1) context.fillText(clusterNames[at] === '/' ? '/' : '/' + clusterNames[at] + '/', sum.x / sum.n, sum.y / sum.n); });
      context.textAlign = 'start';
    }
    // Labels when they can be read: a small site, or zoomed in far enough.
    if (nodes.length <= 60 || transform.k >= 2.5) {
      var box = canvas.getBoundingClientRect();
      context.font = 11 / transform.k + 'px system-ui, sans-serif';
      context.fillStyle = colors.label;
      context.textBaseline = 'middle';
      nodes.forEach(function (node) {
        var sx = transform.x + node.x * transform.k, sy = transform.y + node.y * transform.k;
        if (sx < -50 || sy < -20 || sx > box.width + 50 || sy > box.height + 20) return;
        context.fillText(pages[node.index].url, node.x + drawnRadius(node) + 7 / transform.k, node.y);
      });
    }
    [selected, hovered].forEach(function (index, which) {
      if (index < 0) return;
      var node = nodes[index];
      context.beginPath();
      context.arc(node.x, node.y, drawnRadius(node) + 4 / transform.k, 0, 2 * Math.PI);
      context.lineWidth = (which === 0 ? 2.5 : 1.5) / transform.k;
      context.strokeStyle = colors.selected;
      context.stroke();
    });
  }
  // Orphans and unreachable pages stay at least 6 px across however far out the view is.
  function drawnRadius(node) {
    var page = pages[node.index];
    return page.orphan || page.unreachable ? Math.max(node.radius + 2, 6 / transform.k) : node.radius;
  }
  function drawEdges(pairs, color) {
    context.beginPath();
    pairs.forEach(function (pair) {
      var a = nodes[pair[0]], b = nodes[pair[1]];
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
    });
    context.lineWidth = 2 / transform.k;
    context.strokeStyle = color;
    context.stroke();
  }
  if (templateToggle) templateToggle.addEventListener('change', function () { showTemplate = templateToggle.checked; draw(); });
  function step() {
    if (!simulation) {
      canvas.dataset.layout = 'none';
      return;
    }
    // A bounded layout: ticks for about 40 ms per frame, drawing as it settles, then stop for good.
    var started = performance.now();
    do {
      simulation.tick();
      ticksDone++;
    } while (ticksDone < maxTicks && performance.now() - started < 40);
    fit();
    draw();
    if (ticksDone < maxTicks) requestAnimationFrame(step);
    else {
      canvas.dataset.layout = 'done';
      canvas.dataset.ticks = String(ticksDone);
      canvas.dataset.layoutMs = String(Math.round(performance.now() - layoutStarted));
    }
  }

  function toGraph(clientX, clientY) {
    var box = canvas.getBoundingClientRect();
    return { x: (clientX - box.left - transform.x) / transform.k, y: (clientY - box.top - transform.y) / transform.k };
  }
  function nodeAt(clientX, clientY) {
    if (!simulation) return -1;
    var point = toGraph(clientX, clientY);
    var node = simulation.find(point.x, point.y, 14 / transform.k + 10);
    return node ? node.index : -1;
  }
  var drag = null;
  canvas.addEventListener('mousedown', function (event) {
    drag = { x: event.clientX, y: event.clientY, tx: transform.x, ty: transform.y, moved: false };
    canvas.classList.add('dragging');
  });
  window.addEventListener('mousemove', function (event) {
    if (drag) {
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) { transform.x = drag.tx + dx; transform.y = drag.ty + dy; draw(); }
      return;
    }
    if (event.target !== canvas) return;
    var index = nodeAt(event.clientX, event.clientY);
    if (index !== hovered) { hovered = index; draw(); }
    if (index >= 0) {
      var page = pages[index];
      tooltip.textContent = page.url + (page.title ? ' — ' + page.title : '');
      tooltip.style.display = 'block';
      tooltip.style.left = event.clientX + 12 + 'px';
      tooltip.style.top = event.clientY + 12 + 'px';
    } else tooltip.style.display = 'none';
  });
  window.addEventListener('mouseup', function (event) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    canvas.classList.remove('dragging');
    if (!moved && event.target === canvas) select(nodeAt(event.clientX, event.clientY), false);
  });
  canvas.addEventListener('mouseleave', function () { tooltip.style.display = 'none'; if (hovered >= 0) { hovered = -1; draw(); } });
  canvas.addEventListener('wheel', function (event) {
    event.preventDefault();
    var box = canvas.getBoundingClientRect();
    var px = event.clientX - box.left, py = event.clientY - box.top;
    var k = Math.min(40, Math.max(0.05, transform.k * Math.pow(1.0015, -event.deltaY)));
    transform.x = px - (px - transform.x) * k / transform.k;
    transform.y = py - (py - transform.y) * k / transform.k;
    transform.k = k;
    draw();
  }, { passive: false });

  function pageList(title, indexes, emptyText) {
    var list = el('ul');
    indexes.slice().sort(function (a, b) { return pages[a].url < pages[b].url ? -1 : 1; }).forEach(function (index) {
      var button = el('button', { className: 'linkish mono', type: 'button', text: pages[index].url });
      button.addEventListener('click', function () { select(index, false); });
      list.append(el('li', null, [button]));
    });
    if (indexes.length === 0) list.append(el('li', { className: 'note', text: emptyText }));
    return [el('h4', { text: title + ' (' + indexes.length + ')' }), list];
  }
  function select(index, scroll) {
    selected = index === undefined ? -1 : index;
    draw();
    if (selected < 0) {
      details.replaceChildren(el('p', { className: 'note', text: 'Click a page in the graph or in a table to see its inlinks and outlinks.' }));
      return;
    }
    var page = pages[selected];
    var list = findingsByPage.get(page.url) || [];
    var findings = el('ul');
    list.forEach(function (finding) {
      findings.append(el('li', null, [el('span', { className: 'sev sev-' + finding.severity, text: finding.severity + ' ' }), el('span', { text: finding.message })]));
    });
    var metrics = el('dl', null, [
      el('dt', { text: 'inlinks' }), el('dd', { text: page.inlinks + ' (' + page.contentInlinks + ' from content)' }),
      el('dt', { text: 'outlinks' }), el('dd', { text: page.outlinks + ' internal, ' + page.externalOutlinks + ' external' }),
      page.depth !== undefined ? el('dt', { text: 'depth' }) : null, page.depth !== undefined ? el('dd', { text: fmt(page.depth) }) : null,
      page.score !== undefined ? el('dt', { text: 'link score' }) : null, page.score !== undefined ? el('dd', { text: fmt(page.score, 1) }) : null,
      el('dt', { text: 'file' }), el('dd', { className: 'mono', text: page.file }),
    ]);
    details.replaceChildren.apply(details, [
      el('h3', { id: 'details-title', text: page.title || page.url }),
      el('div', { className: 'url', text: page.url }),
      el('div', null, statusBadges(page)),
      metrics,
      list.length > 0 ? el('h4', { text: 'Findings (' + list.length + ')' }) : null,
      list.length > 0 ? findings : null,
    ].concat(pageList('Inlinks', inbound[selected], 'No page links here.'), pageList('Outlinks', outbound[selected], 'This page links to no other page.')).filter(Boolean));
    if (scroll) canvas.scrollIntoView({ block: 'center' });
  }

  // A small scripting surface, for people automating the report (and its browser test).
  window.linkgraphReport = {
    select: function (url) { select(byUrl.has(url) ? byUrl.get(url) : -1, false); },
    /** Edges drawn now (content links, or every link with the template toggle), and the clusters. */
    drawnEdges: function () { return (showTemplate ? links : contentLinks).length; },
    clusters: function () { return clusterNames.slice(); },
    screenPosition: function (url) {
      var node = nodes[byUrl.get(url)];
      var box = canvas.getBoundingClientRect();
      return node ? { x: box.left + transform.x + node.x * transform.k, y: box.top + transform.y + node.y * transform.k } : null;
    },
  };
  select(-1, false);
  window.addEventListener('resize', resize);
  resize();
  if (nodes.length === 0) canvas.dataset.layout = 'none';
  else requestAnimationFrame(step);
})();
