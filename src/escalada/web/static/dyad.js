// Draws the dyad chart from the JSON the page embeds (no inline script: CSP script-src 'self').
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
  Plotly.newPlot(holder, traces, {
    barmode: "stack", margin: { t: 20, r: 50, b: 40, l: 40 },
    yaxis: { title: { text: "fused events" }, rangemode: "tozero" },
    yaxis2: { title: { text: "index" }, overlaying: "y", side: "right", showgrid: false },
    legend: { orientation: "h" }
  }, { displaylogo: false, responsive: true });
});
