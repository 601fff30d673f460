/* Node labels, drawn by the page over vis-network's canvas after every frame.

   vis-network scales a label with the zoom and drops it below a few pixels, so a whole
   corpus opens with no name on it. Here a label keeps a readable size on screen whatever
   the zoom. The best-ranked entities (most statements) are placed first; each label goes
   below its node, else above, right, left, or a line further below or above, wherever it
   covers no label already placed and no panel; the best dozen is drawn even over another
   label (never under a panel); the selected entity and its neighbours come before everyone.
   A budget per screen area keeps the page from filling with names; zooming in frees room,
   so more of them appear. */
function kgLabelLayer(network, container, nodes, info) {
  "use strict";
  var ALWAYS = 12;            // the best-ranked entities labelled at every zoom
  var AREA_PER_LABEL = 14000; // CSS px² of canvas per label drawn, at most
  var FACE = "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif";
  var order = nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var widths = {};
  var drawn = [];

  function fontOf(n) { return n.rank < ALWAYS ? ["600", 14] : ["500", 12]; }
  function overlap(a, list) {  // the area of box a that boxes of the list cover
    var area = 0;
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      var w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      var h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 0 && h > 0) { area += w * h; }
    }
    return area;
  }
  function panels(frame) {
    var boxes = [];
    Array.prototype.forEach.call(document.querySelectorAll(".kg-panel"), function (p) {
      var r = p.getBoundingClientRect();
      if (r.width && r.height && getComputedStyle(p).display !== "none") {
        boxes.push({ x: r.left - frame.left, y: r.top - frame.top, w: r.width, h: r.height });
      }
    });
    return boxes;
  }

  network.on("afterDrawing", function (ctx) {
    var t = ctx.getTransform();
    var scale = network.getScale();
    var ratio = t.a / scale;                   // device pixels per CSS pixel
    var originX = t.e / ratio, originY = t.f / ratio;
    var width = container.clientWidth, height = container.clientHeight;
    var frame = container.getBoundingClientRect();
    var obstacles = panels(frame);
    var placed = [];
    var budget = Math.max(ALWAYS, Math.floor(width * height / AREA_PER_LABEL));
    var positions = network.getPositions();
    var done = {};
    drawn = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";

    function place(n, forced) {
      var p = positions[n.id];
      if (done[n.id] || !p || info.hidden(n.id)) { return; }
      done[n.id] = true;
      var x = p.x * scale + originX, y = p.y * scale + originY;
      if (x < 0 || y < 0 || x > width || y > height) { return; }
      var font = fontOf(n), px = font[1];
      var text = n.short;
      ctx.font = font[0] + " " + px + "px " + FACE;
      var key = n.id + "\u0000" + px;
      if (widths[key] === undefined) { widths[key] = ctx.measureText(text).width; }
      var w = widths[key] + 6, h = px + 5, r = info.size(n.id) * scale;
      var spots = [{ x: x - w / 2, y: y + r + 1 }, { x: x - w / 2, y: y - r - 1 - h },
        { x: x + r + 3, y: y - h / 2 }, { x: x - r - 3 - w, y: y - h / 2 },
        { x: x - w / 2, y: y + r + 1 + h }, { x: x - w / 2, y: y - r - 1 - 2 * h }];
      var box = null, fallback = null, least = Infinity;
      for (var i = 0; i < spots.length && !box; i++) {
        var s = { x: spots[i].x, y: spots[i].y, w: w, h: h };
        if (s.x >= 0 && s.y >= 0 && s.x + w <= width && s.y + h <= height
            && !overlap(s, obstacles)) {
          var covered = overlap(s, placed);
          if (!covered) { box = s; } else if (covered < least) { fallback = s; least = covered; }
        }
      }
      // The best-ranked are labelled even over another label (where they cover the least
      // of them), never under a panel.
      box = box || (forced ? fallback : null);
      if (!box) { return; }
      placed.push(box);
      ctx.lineWidth = 4;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(text, box.x + 3, box.y + 3);
      ctx.fillStyle = "#1d1d1d";
      ctx.fillText(text, box.x + 3, box.y + 3);
      drawn.push({ id: n.id, text: text, px: px, x: box.x, y: box.y, w: w, h: h,
        forced: !!forced });
    }

    info.first().forEach(function (pair) { place(pair[0], pair[1]); });
    for (var i = 0; i < order.length && drawn.length < budget; i++) {
      place(order[i], order[i].rank < ALWAYS);
    }
    ctx.restore();
  });

  return { labels: function () { return drawn.slice(); } };
}
