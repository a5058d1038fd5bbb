// Draws the dyad chart from the JSON the page embeds (no inline script: CSP script-src 'self').
var SIGNAL_SYMBOLS = { flights: "diamond", sanctions: "square", notam: "circle" };
var SIGNAL_COLOURS = { flights: "#6a3d9a", sanctions: "#111111", notam: "#0a7d8c" };

// Plotly reads a few HTML tags in hover text: signal text is untrusted, so it goes in as text.
function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Signals as markers on the time axis (y = 0 of the event counts), one trace for all kinds;
// several on one day stack upwards by `step` so that none hides another.
function signalTrace(signals, step) {
  var seen = {};
  var levels = signals.day.map(function (day) {
    seen[day] = (seen[day] || 0) + 1;
    return seen[day] - 1;
  });
  return {
    type: "scatter", mode: "markers", name: "signals", x: signals.day,
    y: levels.map(function (level) { return level * step; }), cliponaxis: false,
    hoverinfo: "text",
    hovertext: signals.day.map(function (day, i) {
      var status = signals.status[i] ? " (" + signals.status[i] + ")" : "";
      return escapeText(day + " signal, " + signals.kind[i] + status + ": " + signals.label[i]);
    }),
    marker: { size: 11, line: { color: "#fff", width: 1 },
              symbol: signals.kind.map(function (k) { return SIGNAL_SYMBOLS[k] || "x"; }),
              color: signals.kind.map(function (k) { return SIGNAL_COLOURS[k] || "#444"; }) }
  };
}

document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = ["#2c7fb8", "#41ab5d", "#fd8d3c", "#d7301f"];
  var traces = data.series.map(function (s, i) {
    return { type: "bar", name: s.name, x: data.x, y: s.y, marker: { color: colours[i % 4] } };
  });
  if (data.index) {
    traces.push({ type: "scatter", mode: "lines+markers", name: "escalation index",
                  x: data.index.x, y: data.index.y, yaxis: "y2",
                  line: { color: "#222", width: 2 } });
  }
  if (data.signals) {
    // a stacking step of 8% of the highest day of events keeps markers near the axis
    var highest = data.x.reduce(function (top, _day, i) {
      return Math.max(top, data.series.reduce(function (sum, s) { return sum + s.y[i]; }, 0));
    }, 1);
    traces.push(signalTrace(data.signals, highest * 0.08));
  }
  Plotly.newPlot(holder, traces, {
    barmode: "stack", margin: { t: 20, r: 50, b: 40, l: 40 },
    yaxis: { title: { text: "fused events" }, rangemode: "tozero" },
    yaxis2: { title: { text: "index" }, overlaying: "y", side: "right", showgrid: false },
    legend: { orientation: "h" }
  }, { displaylogo: false, responsive: true });
});
