/* Draws the charts of a page with the vendored Chart.js.
 *
 * A chart is a <canvas data-chart-source="ID"> whose data sits in
 * <script type="application/json" id="ID"> (Django's json_script), written by
 * core.charts.chart(): {type, labels, datasets: [{label, data}], y_title}.
 * The table beside each chart holds the same numbers; without JavaScript the
 * table is all there is, which is fine.
 */
(function () {
  "use strict";

  // Rijkshuisstijl-like colours with enough contrast against white.
  var COLOURS = ["#01689b", "#ca005d", "#39870c", "#e17000", "#42145f"];

  function datasetsOf(spec) {
    return spec.datasets.map(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      return {
        label: dataset.label,
        data: dataset.data,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        // Not by colour alone: every other line is dashed.
        borderDash: index % 2 ? [6, 4] : [],
        pointRadius: 3,
        // Counts: a curve that never dips below or above the points it joins.
        cubicInterpolationMode: "monotone",
        spanGaps: true
      };
    });
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart-source"));
    if (!source || !window.Chart) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var stacked = spec.type === "stacked-bar";
    new window.Chart(canvas, {
      type: stacked ? "bar" : spec.type,
      data: { labels: spec.labels, datasets: datasetsOf(spec) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: stacked },
          y: {
            stacked: stacked,
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: Boolean(spec.y_title), text: spec.y_title }
          }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.setAttribute("data-chart-drawn", "true");
  }

  function drawAll() {
    var canvases = document.querySelectorAll("canvas[data-chart-source]");
    Array.prototype.forEach.call(canvases, draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
