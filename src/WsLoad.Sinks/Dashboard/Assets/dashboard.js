// The live dashboard: reads the run's Server-Sent Events (/events: run, point, summary, report), keeps the run's
// seconds in columns and redraws the figures, charts and tables at most a few times a second. Each chart's figure
// carries data-updates (how many times its data changed) and data-points (its seconds); <body> carries
// data-stream (connecting, live, reconnecting, ended) and, at the end, data-verdict. Browser tests read them.
(function () {
  "use strict";
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#d62728"];
  var targetColour = "#8a93a3";
  var eventColour = "#6a1b9a";
  var height = 250;

  var run = null;       // the run event's data
  var cols = null;      // the run's seconds, one array per figure
  var classes = [];     // error classes seen, in order of appearance
  var types = {};       // per message type: totals and the latest second
  var workers = null;   // the latest second's per-process figures
  var events = [];      // timeline entries: { at, source, kind, text }
  var totals = null;
  var summary = null;
  var charts = {};
  var pending = false;

  function $(id) { return document.getElementById(id); }
  function text(id, value) { var e = $(id); if (e.textContent !== value) e.textContent = value; }

  function number(v) {
    if (v == null || !isFinite(v)) return "–";
    var a = Math.abs(v);
    var digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return v.toLocaleString("en-US", { maximumFractionDigits: digits });
  }
  function count(v) { return v == null ? "–" : Math.round(v).toLocaleString("en-US"); }
  function ms(v) { return v == null ? "–" : number(v) + " ms"; }
  function seconds(v) {
    if (v == null) return "–";
    if (v < 120) return number(v) + " s";
    var s = Math.round(v), parts = [[Math.floor(s / 3600), "h"], [Math.floor((s % 3600) / 60), "min"], [s % 60, "s"]];
    return parts.filter(function (p) { return p[0] > 0; }).map(function (p) { return p[0] + " " + p[1]; }).join(" ");
  }

  function reset(info) {
    run = info;
    cols = { t: [], open: [], target: [], sent: [], received: [], errors: [],
      p50: [], p90: [], p99: [], p999: [], r50: [], r99: [], genCpu: [], srvCpu: [], genMem: [], srvMem: [], byClass: {} };
    classes = [];
    types = {};
    workers = null;
    events = [];
    totals = { sent: 0, received: 0, errors: 0, saturated: 0 };
    summary = null;
    Object.keys(charts).forEach(function (k) { charts[k].chart.destroy(); });
    charts = {};
    document.body.removeAttribute("data-verdict");
    document.body.removeAttribute("data-from");
    document.body.removeAttribute("data-ended");
    $("verdict").hidden = true;
    $("report-link").hidden = true;
    $("report-pending").hidden = false;
    text("run-name", info.name);
    text("target", info.target);
    text("run-number", info.number > 1 || (info.earlier && info.earlier.length) ? "run " + info.number : "");
    text("max-points", seconds(info.maxPoints));
    document.title = "wsload · " + info.name;
    showEarlier(info.earlier || []);
    schedule();
  }

  function addPoint(p) {
    if (!cols) return;
    var c = cols, i = c.t.length;
    if (i > 0 && p.phase !== lastPhase()) events.push({ at: c.t[i - 1], source: "phase", kind: p.phase, text: "from " + lastPhase() });
    c.t.push(p.t); c.open.push(p.open); c.target.push(p.target); c.sent.push(p.sent); c.received.push(p.received); c.errors.push(p.errors);
    var r = p.rtt || {}, q = p.response || {};
    c.p50.push(nul(r.p50)); c.p90.push(nul(r.p90)); c.p99.push(nul(r.p99)); c.p999.push(nul(r.p999));
    c.r50.push(nul(q.p50)); c.r99.push(nul(q.p99));
    c.genCpu.push(nul(p.generatorCpu)); c.srvCpu.push(nul(p.serverCpu)); c.genMem.push(nul(p.generatorMemoryMb)); c.srvMem.push(nul(p.serverMemoryMb));
    c.phase = p.phase;
    var byClass = p.errorsByClass || {};
    Object.keys(byClass).forEach(function (k) {
      if (!c.byClass[k]) { c.byClass[k] = c.t.slice(0, -1).map(function () { return 0; }); classes.push(k); }
    });
    var dt = p.seconds || 1; // rates back to counts for the totals
    classes.forEach(function (k) { c.byClass[k].push((byClass[k] || 0) / dt); });
    totals.sent += Math.round(p.sent * dt); totals.received += Math.round(p.received * dt); totals.errors += Math.round(p.errors * dt);
    if (p.saturated) totals.saturated++;
    var ts = p.types || {};
    Object.keys(ts).forEach(function (k) {
      var s = types[k] || (types[k] = { sent: 0, received: 0 });
      s.sent += Math.round(ts[k].sent * dt); s.received += Math.round(ts[k].received * dt);
      s.last = ts[k]; s.lastT = p.t;
    });
    workers = p.workers && p.workers.length ? p.workers.map(function (w) {
      var prev = workers && workers.find(function (o) { return o.name === w.name; });
      return Object.assign({ errorTotal: (prev ? prev.errorTotal : 0) + (w.errors || 0) }, w);
    }).sort(function (a, b) { return a.name.localeCompare(b.name, "en", { numeric: true }); }) : workers;
    (p.events || []).forEach(function (e) {
      // Workers that each apply the same server fault each report it, maybe a second apart: the timeline shows it once.
      var twin = events.some(function (o) { return o.source === e.source && o.kind === e.kind && o.text === e.text && Math.abs(o.at - e.at) < 2; });
      if (!twin) events.push({ at: e.at, source: e.source, kind: e.kind, text: e.text });
    });
    c.last = p;
    if (i === 0) document.body.setAttribute("data-from", String(p.t));
    schedule();
  }
  function nul(v) { return v == null ? null : v; }
  function lastPhase() { return cols.phase; }

  // Coalesces a replay of many points into one redraw.
  function schedule() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; render(); }, 40);
  }

  function render() {
    if (!run) return;
    renderHeader();
    renderFigures();
    renderCharts();
    renderEvents();
    renderTypes();
    renderWorkers();
    renderVerdict();
  }

  function renderHeader() {
    var last = cols.last, t = last ? last.t : 0;
    var phase = summary ? "ended" : last ? last.phase : "starting";
    var e = $("phase");
    if (e.getAttribute("data-phase") !== phase) { e.setAttribute("data-phase", phase); e.textContent = phase; }
    text("elapsed", seconds(t) + " of " + seconds(run.plannedSeconds));
    var share = run.plannedSeconds > 0 ? Math.min(1, t / run.plannedSeconds) : 0;
    $("progress").style.width = (summary ? 100 : 100 * share).toFixed(1) + "%";
  }

  function renderFigures() {
    var p = cols.last;
    text("open-connections", p ? count(p.open) : "–");
    text("open-target", p ? "plan " + count(p.target) + " now, " + count(run.peakConnections) + " at peak" : "plan " + count(run.peakConnections) + " at peak");
    text("sent-rate", p ? number(p.sent) : "–");
    text("received-rate", p ? number(p.received) : "–");
    text("sent-total", count(totals.sent) + " sent");
    text("received-total", count(totals.received) + " received");
    text("rtt-p99", p && p.rtt ? ms(p.rtt.p99) : "–");
    text("rtt-p50", p && p.rtt ? "p50 " + ms(p.rtt.p50) + (p.response ? " · response p99 " + ms(p.response.p99) : "") : "no message timed this second");
    text("error-rate", p ? number(p.errors) : "–");
    $("error-rate").className = "value" + (p && p.errors > 0 ? " bad" : "");
    text("error-total", count(totals.errors) + " in all" + (classes.length ? " · " + classes.length + " class" + (classes.length > 1 ? "es" : "") : ""));
    text("generator-cpu", p && p.generatorCpu != null ? number(p.generatorCpu) + "%" : "–");
    // Red when the generator's own CPU is the limit; amber when something else held it back (a busy machine, the thread pool).
    var ownCpu = p && p.saturated && (p.saturatedBy || []).some(function (r) { return r.indexOf("generator-cpu") === 0; });
    $("generator-cpu").className = "value" + (ownCpu ? " bad" : p && p.saturated ? " warn" : "");
    var health = p && p.saturated ? "saturated now" + (p.saturatedBy && p.saturatedBy.length ? " (" + p.saturatedBy.join(", ") + ")" : "")
      : totals.saturated ? "saturated " + totals.saturated + " s so far" : "keeping up";
    if (p && p.serverCpu != null) health += " · server " + number(p.serverCpu) + "%";
    text("generator-health", health);
    $("generator-health").className = "sub" + (totals.saturated ? " saturated" : "");
  }

  // Each chart: its series (label, column, colour, dash) and its unit; rebuilt only when its series change.
  function chartSpecs() {
    var c = cols;
    var errorSeries = classes.length
      ? classes.map(function (k, i) { return { label: k, y: c.byClass[k], colour: palette[(i + 9) % palette.length] }; })
      : [{ label: "errors", y: c.errors, colour: palette[9] }];
    return {
      connections: [{ label: "open", y: c.open, colour: palette[0] }, { label: "target", y: c.target, colour: targetColour, dash: [4, 4] }],
      // An echo's in equals its out: out drawn wide under a thin in, so both stay visible.
      messages: [{ label: "out", y: c.sent, colour: palette[0], width: 4 }, { label: "in", y: c.received, colour: palette[1], width: 1.5 }],
      latency: [
        { label: "service p50", y: c.p50, colour: palette[2] }, { label: "p90", y: c.p90, colour: palette[0] },
        { label: "p99", y: c.p99, colour: palette[1] }, { label: "p99.9", y: c.p999, colour: palette[9] },
        { label: "response p50", y: c.r50, colour: palette[2], dash: [6, 4] }, { label: "response p99", y: c.r99, colour: palette[1], dash: [6, 4] }],
      errors: errorSeries,
      cpu: [{ label: "generator", y: c.genCpu, colour: palette[0] }, { label: "server", y: c.srvCpu, colour: palette[3] }],
      memory: [{ label: "generator", y: c.genMem, colour: palette[0] }, { label: "server", y: c.srvMem, colour: palette[3] }],
    };
  }

  function renderCharts() {
    var specs = chartSpecs();
    Object.keys(specs).forEach(function (id) {
      var figure = document.querySelector('figure[data-chart="' + id + '"]');
      var series = specs[id];
      var data = [cols.t].concat(series.map(function (s) { return s.y; }));
      var signature = series.map(function (s) { return s.label; }).join("|");
      var existing = charts[id];
      if (!existing || existing.signature !== signature) {
        if (existing) existing.chart.destroy();
        var plot = figure.querySelector(".plot");
        charts[id] = { signature: signature, plot: plot, chart: new uPlot(options(series, plot), data, plot) };
      } else {
        existing.chart.setData(data);
      }
      var points = String(cols.t.length);
      if (figure.getAttribute("data-points") !== points) {
        figure.setAttribute("data-points", points);
        figure.setAttribute("data-updates", String(Number(figure.getAttribute("data-updates")) + 1));
      }
    });
  }

  function options(series, plot) {
    return {
      width: Math.max(300, Math.floor(plot.clientWidth)),
      height: height,
      series: [{ label: "time", value: function (u, v) { return v == null ? "–" : number(v) + " s"; } }].concat(series.map(function (s) {
        return { label: s.label, stroke: s.colour, width: s.width || 2, dash: s.dash, points: { show: false }, value: function (u, v) { return number(v); } };
      })),
      scales: {
        // The plan's whole length from the start, so the run fills the chart as it goes.
        x: { time: false, range: function (u, min, max) { return [0, Math.max(run.plannedSeconds || 1, max || 0)]; } },
        y: { range: function (u, min, max) { return [0, max > 0 ? max * (hasMarkers() ? 1.25 : 1.08) : 1]; } },
      },
      axes: [
        { stroke: "#333", grid: { stroke: "#e6e9ef" }, values: function (u, splits) { return splits.map(function (v) { return number(v) + " s"; }); } },
        { stroke: "#333", grid: { stroke: "#e6e9ef" }, size: axisSize, values: function (u, splits) { return splits.map(number); } },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [function (u) { drawMarkers(u); }] },
    };
  }
  function hasMarkers() { return events.some(function (e) { return e.source !== "phase"; }); }
  function axisSize(u, values) {
    var longest = 0;
    (values || []).forEach(function (v) { longest = Math.max(longest, String(v).length); });
    return Math.max(40, 16 + longest * 7.5);
  }

  // The run's events (faults, recoveries, checkpoints) as labelled vertical lines, as in the HTML report.
  // Phase changes are thin grey lines without a label (the header and the events list name them).
  function drawMarkers(u) {
    var markers = events.filter(function (e) { return e.source !== "phase"; });
    var ctx = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height, dpr = devicePixelRatio;
    ctx.save();
    ctx.strokeStyle = "#b7bfcc";
    ctx.lineWidth = dpr;
    events.forEach(function (e) {
      if (e.source !== "phase" || e.at < u.scales.x.min || e.at > u.scales.x.max) return;
      var x = Math.round(u.valToPos(e.at, "x", true));
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
    });
    ctx.strokeStyle = eventColour;
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash([3 * dpr, 3 * dpr]);
    ctx.font = (11 * dpr) + "px sans-serif";
    ctx.textBaseline = "alphabetic";
    ctx.textAlign = "left";
    var rows = [], gap = 4 * dpr, rowHeight = 13 * dpr;
    markers.forEach(function (m) {
      if (m.at < u.scales.x.min || m.at > u.scales.x.max) return;
      var x = Math.round(u.valToPos(m.at, "x", true));
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
      var width = ctx.measureText(m.kind).width;
      var from = x + gap + width > u.bbox.left + u.bbox.width ? x - gap - width : x + gap;
      var row = rows.findIndex(function (end) { return end + gap < from; });
      if (row < 0) row = rows.length < 4 ? rows.length : 0;
      rows[row] = from + width;
      var y = top + 12 * dpr + row * rowHeight;
      ctx.fillStyle = "rgba(255, 255, 255, 0.75)";
      ctx.fillRect(from - 2 * dpr, y - 10 * dpr, width + 4 * dpr, rowHeight);
      ctx.fillStyle = eventColour;
      ctx.fillText(m.kind, from, y);
    });
    ctx.restore();
  }

  function renderEvents() {
    var list = $("events");
    if (String(events.length) === list.getAttribute("data-count")) return;
    list.setAttribute("data-count", String(events.length));
    if (!events.length) return;
    list.textContent = "";
    events.slice().reverse().forEach(function (e) {
      var li = document.createElement("li");
      li.className = "source-" + e.source;
      li.appendChild(span("at", number(e.at) + " s"));
      li.appendChild(span("kind", e.kind));
      if (e.text && e.text !== e.kind) li.appendChild(document.createTextNode(e.text));
      list.appendChild(li);
    });
  }
  function span(cls, value) { var s = document.createElement("span"); s.className = cls; s.textContent = value; return s; }

  function renderTypes() {
    var names = Object.keys(types).sort();
    if (!names.length) return;
    var body = $("types").tBodies[0];
    body.textContent = "";
    var now = cols.last ? cols.last.t : 0;
    names.forEach(function (k) {
      var s = types[k], fresh = s.lastT === now ? s.last : null;
      row(body, [k, number(fresh ? fresh.sent : 0), number(fresh ? fresh.received : 0), count(s.sent), count(s.received),
        ms(fresh && fresh.rttP50), ms(fresh && fresh.rttP99)], 1);
    });
  }

  function renderWorkers() {
    var show = !!workers && workers.length > 1;
    $("workers-panel").hidden = !show;
    if (!show) return;
    var body = $("workers").tBodies[0];
    body.textContent = "";
    workers.forEach(function (w) {
      var tr = row(body, [w.name, count(w.open), number(w.sent), number(w.received), count(w.errorTotal),
        w.cpu == null ? "–" : number(w.cpu) + "%", w.memoryMb == null ? "–" : number(w.memoryMb) + " MB", w.saturated ? "saturated" : "ok"], 1);
      if (w.saturated) tr.lastChild.className = "saturated";
    });
  }
  function row(body, cells, numericFrom) {
    var tr = document.createElement("tr");
    cells.forEach(function (value, i) {
      var td = document.createElement("td");
      td.textContent = value;
      if (i >= numericFrom && i < 7) td.className = "num";
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return tr;
  }

  function renderVerdict() {
    if (!summary) return;
    var v = $("verdict");
    v.className = "verdict verdict-" + summary.kind;
    v.setAttribute("data-verdict", summary.verdict);
    v.hidden = false;
    document.body.setAttribute("data-verdict", summary.verdict);
    document.body.setAttribute("data-ended", "");
    text("verdict-headline", summary.verdict);
    text("verdict-explanation", summary.explanation);
    var facts = "ran " + seconds(summary.durationSeconds) + " · peak " + count(summary.peakConnections) + " connections · "
      + count(summary.sent) + " sent · " + count(summary.received) + " received · " + count(summary.errors) + " errors"
      + (summary.rttP99 != null ? " · service time p99 " + ms(summary.rttP99) : "");
    if (summary.readiness && summary.readiness !== summary.verdict) facts += " · readiness " + summary.readiness + " (confidence " + Math.round(100 * summary.confidence) + "%)";
    if (summary.generatorSaturated) facts += " · caution: the generator was saturated at times";
    text("verdict-facts", facts);
    var list = $("thresholds");
    list.textContent = "";
    (summary.thresholds || []).forEach(function (t) {
      var li = document.createElement("li");
      li.textContent = (t.passed ? "✓ " : "✗ ") + t.expression + (t.value != null ? " (" + number(t.value) + ")" : "") + (t.error ? ": " + t.error : "");
      list.appendChild(li);
    });
  }

  function showReport(link) {
    var a = $("report-link");
    a.href = link.url;
    a.hidden = false;
    $("report-pending").hidden = true;
  }

  function showEarlier(earlier) {
    $("earlier-panel").hidden = !earlier.length;
    var list = $("earlier");
    list.textContent = "";
    earlier.forEach(function (r) {
      var li = document.createElement("li");
      li.appendChild(span("badge badge-" + (r.kind || "none"), r.verdict || "unfinished"));
      li.appendChild(document.createTextNode(r.number + ". " + r.name + " "));
      if (r.report) { var a = document.createElement("a"); a.href = r.report; a.target = "_blank"; a.rel = "noopener"; a.textContent = "report"; li.appendChild(a); }
      list.appendChild(li);
    });
  }

  function streamState(state, label) {
    document.body.setAttribute("data-stream", state);
    text("stream", label);
  }

  function connect() {
    var source = new EventSource("events");
    source.onopen = function () { streamState("live", "live"); };
    source.onerror = function () {
      // EventSource reconnects by itself, with Last-Event-ID, and is sent what it missed.
      if (summary) streamState("ended", "dashboard stopped");
      else streamState("reconnecting", "reconnecting…");
    };
    source.addEventListener("run", function (e) { reset(JSON.parse(e.data)); });
    source.addEventListener("point", function (e) { addPoint(JSON.parse(e.data)); });
    source.addEventListener("summary", function (e) { summary = JSON.parse(e.data); schedule(); });
    source.addEventListener("report", function (e) { showReport(JSON.parse(e.data)); });
  }

  var resizing = false;
  window.addEventListener("resize", function () {
    if (resizing) return;
    resizing = true;
    requestAnimationFrame(function () {
      resizing = false;
      Object.keys(charts).forEach(function (k) { var c = charts[k]; c.chart.setSize({ width: Math.max(300, Math.floor(c.plot.clientWidth)), height: height }); });
    });
  });

  connect();
})();
