// Draws the report's charts with uPlot from the inline chart specs (#chart-data). Each drawn chart's figure gets
// data-points = the number of data points drawn (the browser test reads it), and <body> gets data-charts-ready.
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("chart-data").textContent);
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#d62728"];
  var thresholdColour = "#c62828";
  var printWidth = 680;
  var height = 300;
  var charts = [];

  // Percentile axis: x = 1 / (1 - p/100), so 90, 99, 99.9 ... are evenly spaced on a log scale.
  var percentileTicks = [[1, "0%"], [2, "50%"], [10, "90%"], [100, "99%"], [1000, "99.9%"], [10000, "99.99%"], [100000, "99.999%"]];
  function toPercentileX(p) { return 1 / (1 - p / 100); }
  function fromPercentileX(x) { return 100 * (1 - 1 / x); }

  function number(v) {
    if (v == null || !isFinite(v)) return "–";
    var a = Math.abs(v);
    var digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return v.toLocaleString("en-US", { maximumFractionDigits: digits });
  }
  function percentile(x) {
    var p = fromPercentileX(x);
    return (p >= 99.99 ? p.toFixed(4) : p >= 99 ? p.toFixed(3) : p.toFixed(1)).replace(/\.?0+$/, "") + "%";
  }
  function axisSize(u, values, axisIdx, cycleNum) {
    var longest = 0;
    (values || []).forEach(function (v) { longest = Math.max(longest, String(v).length); });
    return Math.max(40, 16 + longest * 7.5);
  }

  function build(spec) {
    var log = spec.xAxis === "percentileLog";
    var tables = spec.series.map(function (s) {
      var xs = [], ys = [];
      s.x.forEach(function (x, i) {
        if (log && x >= 100) return;
        xs.push(log ? toPercentileX(x) : x);
        ys.push(s.y[i]);
      });
      return [xs, ys];
    });
    var data = uPlot.join(tables);
    var series = [{ label: spec.xLabel, value: function (u, v) { return v == null ? "–" : log ? percentile(v) : number(v) + " s"; } }];
    spec.series.forEach(function (s, i) {
      // A plan's target is a reference, not a measurement: grey and dashed.
      var target = s.name === "target";
      series.push({ label: s.name, stroke: target ? "#8a93a3" : palette[i % palette.length], width: 2, dash: target ? [4, 4] : undefined, spanGaps: log, points: { show: false },
        value: function (u, v) { return number(v); } });
    });
    spec.lines.forEach(function (line) {
      data.push(data[0].map(function () { return line.y; }));
      series.push({ label: line.label, stroke: thresholdColour, width: 1.5, dash: [8, 5], points: { show: false },
        value: function () { return number(line.y); } });
    });
    var dataSeries = spec.series.length;
    var xAxis = { label: spec.xLabel, labelSize: 22, stroke: "#333", grid: { stroke: "#e6e9ef" } };
    if (log) {
      xAxis.splits = function (u) {
        var min = u.scales.x.min, max = u.scales.x.max;
        return percentileTicks.filter(function (t) { return t[0] >= min * 0.999 && t[0] <= max * 1.001; }).map(function (t) { return t[0]; });
      };
      // uPlot labels only powers of ten on log axes by default; label every percentile tick.
      xAxis.filter = function (u, splits) { return splits; };
      xAxis.values = function (u, splits) {
        return splits.map(function (x) { var t = percentileTicks.find(function (t) { return t[0] === x; }); return t ? t[1] : ""; });
      };
    }
    return {
      data: data,
      dataSeries: dataSeries,
      opts: {
        height: height,
        series: series,
        scales: {
          x: log ? { time: false, distr: 3, log: 10 } : { time: false },
          // With event markers, room above the data for their labels' first rows.
          y: { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * (spec.markers && spec.markers.length ? 1.25 : 1.08) : 1]; } },
        },
        axes: [xAxis, { label: spec.yLabel, labelSize: 22, stroke: "#333", grid: { stroke: "#e6e9ef" }, size: axisSize,
          values: function (u, splits) { return splits.map(number); } }],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [function (u) { drawMarkers(u, spec.markers || []); countDrawn(u, dataSeries); }] },
      },
    };
  }

  // The run's events (faults injected, recoveries) as labelled vertical lines, so effects line up with causes.
  function drawMarkers(u, markers) {
    if (!markers.length) return;
    var ctx = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.strokeStyle = "#6a1b9a";
    ctx.fillStyle = "#6a1b9a";
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.font = (11 * devicePixelRatio) + "px sans-serif";
    // uPlot leaves the context's alignment as its axes last set it (often right).
    ctx.textBaseline = "alphabetic";
    var shown = markers.filter(function (m) { return m.x >= u.scales.x.min && m.x <= u.scales.x.max; })
      .map(function (m) { return { m: m, x: Math.round(u.valToPos(m.x, "x", true)) }; });
    shown.forEach(function (s) {
      ctx.beginPath();
      ctx.moveTo(s.x, top);
      ctx.lineTo(s.x, bottom);
      ctx.stroke();
    });
    // Labels after every line, each on a pale backing that a series still shows through. Each goes on the first
    // row where it clears the labels already there (events close in time, such as a checkpoint firing and the ramp-down
    // it made, would overlap on one row); a label that would run past the plot's right edge goes on its line's left.
    var gap = 4 * devicePixelRatio, rowHeight = 13 * devicePixelRatio, rows = [];
    shown.forEach(function (s) {
      var width = ctx.measureText(s.m.label).width;
      var right = s.x + gap + width > u.bbox.left + u.bbox.width;
      var from = right ? s.x - gap - width : s.x + gap;
      var row = rows.findIndex(function (end) { return end + gap < from; });
      if (row < 0) row = rows.length < 6 ? rows.length : rows.indexOf(Math.min.apply(null, rows));
      rows[row] = from + width;
      var textY = top + (12 * devicePixelRatio) + row * rowHeight;
      ctx.fillStyle = "rgba(255, 255, 255, 0.7)";
      ctx.fillRect(from - 2 * devicePixelRatio, textY - 10 * devicePixelRatio, width + 4 * devicePixelRatio, rowHeight);
      ctx.fillStyle = "#6a1b9a";
      ctx.textAlign = "left";
      ctx.fillText(s.m.label, from, textY);
    });
    ctx.restore();
  }

  // Counts the points of the shown data series inside the visible x range (threshold lines are not data).
  function countDrawn(u, dataSeries) {
    var n = 0, xs = u.data[0], min = u.scales.x.min, max = u.scales.x.max;
    for (var s = 1; s <= dataSeries; s++) {
      if (!u.series[s].show) continue;
      var ys = u.data[s];
      for (var i = 0; i < xs.length; i++) {
        if (ys[i] != null && xs[i] >= min && xs[i] <= max) n++;
      }
    }
    u.root.closest("figure").setAttribute("data-points", String(n));
  }

  function width(plot) { return Math.max(300, Math.floor(plot.clientWidth)); }

  specs.forEach(function (spec) {
    if (!spec.hasData) return;
    var figure = document.querySelector('figure[data-chart="' + spec.id + '"]');
    var plot = figure && figure.querySelector(".plot");
    if (!plot) return;
    var built = build(spec);
    built.opts.width = width(plot);
    charts.push({ plot: plot, chart: new uPlot(built.opts, built.data, plot) });
  });

  function resizeAll(fixedWidth) {
    charts.forEach(function (c) { c.chart.setSize({ width: fixedWidth || width(c.plot), height: height }); });
  }
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; resizeAll(); });
  });
  // Charts sized for the screen would be cut on paper: size them for a page while printing.
  window.addEventListener("beforeprint", function () { resizeAll(printWidth); });
  window.addEventListener("afterprint", function () { resizeAll(); });
  document.body.setAttribute("data-charts-ready", String(charts.length));
})();
