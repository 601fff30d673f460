// Events by month, cooperation above the line and conflict below, in PLOVER's quad classes.
import {QUADS, el} from "./dom.js";

export function timeline(series) {
  const months = series.months;
  if (!months.length) return el("p", {class: "kg-note"}, "No dated events.");
  const svgNS = "http://www.w3.org/2000/svg";
  const width = 1000, height = 150, middle = 75, step = width / months.length;
  const peak = Math.max(1, ...months.map((m) => Math.max(m.quads[0] + m.quads[1],
    m.quads[2] + m.quads[3])));
  const scale = (middle - 14) / peak;
  const make = (tag, attributes) => {
    const node = document.createElementNS(svgNS, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  };
  const cooperation = months.reduce((n, m) => n + m.quads[0] + m.quads[1], 0);
  const conflict = months.reduce((n, m) => n + m.quads[2] + m.quads[3], 0);
  const svg = make("svg", {viewBox: `0 0 ${width} ${height}`, role: "img",
    preserveAspectRatio: "none"});
  const summary = `Events by month from ${months[0].month} to ` +
    `${months[months.length - 1].month}: ${cooperation} of cooperation (drawn above the ` +
    `line) and ${conflict} of conflict (below)`;
  svg.setAttribute("aria-label", summary);
  svg.append(make("line", {x1: 0, x2: width, y1: middle, y2: middle, class: "kg-axis"}));
  months.forEach((month, i) => {
    const x = i * step + step * 0.1, w = Math.max(step * 0.8, 1);
    let up = middle, down = middle;
    month.quads.forEach((n, quad) => {
      if (!n) return;
      const h = n * scale;
      const y = quad < 2 ? (up -= h) : down;
      if (quad >= 2) down += h;
      const bar = make("rect", {x, y, width: w, height: h, class: QUADS[quad]});
      const tip = make("title", {});
      tip.textContent = `${month.month}: ${n} ${series.classes[quad]}`;
      bar.append(tip);
      svg.append(bar);
    });
    if (month.month.endsWith("-01") || i === 0) {
      const label = make("text", {x: x, y: height - 3, class: "kg-tick"});
      label.textContent = month.month.slice(0, 4);
      svg.append(label);
    }
  });
  const legend = el("div", {class: "kg-legend"}, series.classes.map((name, quad) =>
    el("span", {}, el("span", {class: `kg-swatch ${QUADS[quad]}`}), name)));
  return el("div", {class: "kg-timeline"}, svg, legend, el("p", {class: "kg-hidden"}, summary));
}
