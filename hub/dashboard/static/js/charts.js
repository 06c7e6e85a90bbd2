// Playhall dashboard: the four ECharts charts. Each draw function takes
// report rows as the hub returns them; suppressed cells ("<10") are drawn as
// gaps and counted in a note under the chart, never as zero.
"use strict";
(function () {
  var P = window.Playhall;
  var t = window.I18N.t;

  var palette = ["#1f5fa9", "#17998b", "#e39b2d", "#c8433a", "#7a5bbf", "#4f8fd6", "#6c7a89"];
  var textColor = "#1f2a37";
  var axisColor = "#5b6675";
  var fontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif';

  var charts = {}; // id -> echarts instance

  function base() {
    return {
      color: palette,
      animationDuration: 500,
      textStyle: { fontFamily: fontFamily, fontSize: 15, color: textColor },
      grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
      tooltip: { trigger: "axis", textStyle: { fontSize: 15 }, axisPointer: { type: "shadow" } },
      legend: { top: 0, right: 0, itemGap: 18, textStyle: { fontSize: 15, color: textColor } }
    };
  }

  function axisStyle(extra) {
    var a = {
      axisLabel: { fontSize: 14, color: axisColor },
      axisLine: { lineStyle: { color: "#c4ccd6" } },
      splitLine: { lineStyle: { color: "#e8edf3" } }
    };
    Object.keys(extra || {}).forEach(function (k) { a[k] = extra[k]; });
    return a;
  }

  function instance(id) {
    var dom = document.getElementById(id);
    if (!dom) return null;
    var inst = charts[id];
    if (!inst || inst.isDisposed()) {
      inst = window.echarts.init(dom, null, { renderer: "canvas", locale: window.I18N.lang() === "en" ? "EN" : "ZH" });
      // data-drawn="1" once the chart has finished drawing (animations
      // included); tests and the screenshot command wait on it.
      inst.on("finished", function () { dom.setAttribute("data-drawn", "1"); });
      charts[id] = inst;
    }
    dom.setAttribute("data-drawn", "0");
    return inst;
  }

  function setNote(id, suppressed, k) {
    var dom = document.getElementById(id);
    if (!dom) return;
    var note = dom.parentNode.querySelector(".chart-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "chart-note";
      dom.parentNode.insertBefore(note, dom.nextSibling);
    }
    note.textContent = suppressed > 0 ? t("chart.suppressedNote", { k: k }) + " (" + suppressed + ")" : "";
  }

  function empty(inst) {
    inst.clear();
    inst.setOption({
      title: { text: t("chart.empty"), left: "center", top: "middle", textStyle: { color: "#8a94a3", fontSize: 18, fontWeight: "normal" } },
      series: []
    });
  }

  function pct(v) { return v === null ? null : Math.round(v * 1000) / 10; }

  // rate is a hub rate (a fraction), or null for a hidden or missing cell.
  function rate(v) { return P.num(v); }

  function drawTime(rows, key, k) {
    var inst = instance("chart-time");
    if (!inst) return;
    if (!rows.length) { empty(inst); setNote("chart-time", 0, k); return; }
    var hidden = 0;
    var xs = [], ys = [];
    rows.forEach(function (r) {
      xs.push(String(r[key] || r.period || ""));
      var v = P.num(r.plays);
      if (v === null) hidden++;
      ys.push(v);
    });
    var opt = base();
    opt.legend.show = false;
    opt.grid.top = 24;
    opt.grid.left = 40; // room for the first date label under the y axis
    opt.xAxis = axisStyle({ type: "category", data: xs, boundaryGap: false });
    opt.yAxis = axisStyle({ type: "value", minInterval: 1 });
    opt.series = [{
      name: t("chart.plays"), type: "line", data: ys, smooth: 0.3, connectNulls: false,
      symbol: "circle", symbolSize: 7, showSymbol: xs.length <= 20, lineStyle: { width: 3 },
      areaStyle: { color: new window.echarts.graphic.LinearGradient(0, 0, 0, 1, [
        { offset: 0, color: "rgba(31,95,169,0.28)" }, { offset: 1, color: "rgba(31,95,169,0.02)" }]) }
    }];
    inst.setOption(opt, true);
    setNote("chart-time", hidden, k);
  }

  var bandOrder = ["primary", "junior", "senior", "adult"];

  function byBand(rows) {
    var m = {};
    rows.forEach(function (r) { m[r.band] = r; });
    return bandOrder.filter(function (b) { return m[b]; }).map(function (b) { return m[b]; })
      .concat(rows.filter(function (r) { return bandOrder.indexOf(r.band) < 0; }));
  }

  function drawBand(rows, k) {
    var inst = instance("chart-band");
    if (!inst) return;
    rows = byBand(rows);
    if (!rows.length) { empty(inst); setNote("chart-band", 0, k); return; }
    var hidden = 0;
    var opt = base();
    opt.legend.show = false;
    opt.grid.top = 28;
    opt.xAxis = axisStyle({ type: "category", data: rows.map(function (r) { return P.bandLabel(r.band); }),
      axisLabel: { fontSize: 14, color: axisColor, interval: 0 } });
    opt.yAxis = axisStyle({ type: "value", minInterval: 1 });
    opt.series = [{
      name: t("chart.plays"), type: "bar", barMaxWidth: 56,
      data: rows.map(function (r, i) {
        var v = P.num(r.plays);
        if (v === null) {
          // A hidden cell: an empty bar labelled "<K", never a zero.
          hidden++;
          var shown = P.isSuppressed(r.plays) ? P.suppressedText(r.plays) : "<" + k;
          return { value: 0, hiddenCell: shown, label: { formatter: shown, color: axisColor }, itemStyle: { color: "transparent" } };
        }
        return { value: v, itemStyle: { color: palette[i % palette.length], borderRadius: [6, 6, 0, 0] } };
      }),
      label: { show: true, position: "top", fontSize: 15, color: textColor,
        formatter: function (p) { return P.fmtInt(p.value); } }
    }];
    opt.tooltip.formatter = function (ps) {
      var p = ps[0];
      var enc = window.echarts.format.encodeHTML;
      return enc(p.name) + "<br>" + p.marker + enc(p.seriesName) + ": " + enc(p.data && p.data.hiddenCell ? p.data.hiddenCell : P.fmtInt(p.value));
    };
    inst.setOption(opt, true);
    setNote("chart-band", hidden, k);
  }

  var names = { drugs: {}, lookalikes: {} };

  // drugName shows a drug or look-alike by its name in the page's language
  // (from /static/names.json), falling back to the id the report carries.
  function drugName(r) {
    var id = r.drug || r.id || "";
    var n = (names.drugs && names.drugs[id]) || (names.lookalikes && names.lookalikes[id]);
    if (n) return window.I18N.lang() === "en" && n.en ? n.en : n.zh || id;
    return r.drug_name || r.name || id || "?";
  }

  function drawDrug(rows, k) {
    var inst = instance("chart-drug");
    if (!inst) return;
    var drugs = [], looks = [], hidden = 0;
    rows.forEach(function (r) {
      var seen = P.num(r.seen);
      var kind = r.kind || (P.num(r.false_alarms) !== null && P.num(r.seized) === null ? "lookalike" : "drug");
      if (kind === "lookalike") {
        var fa = rate(r.false_alarm_rate);
        if (fa === null && seen) fa = P.num(r.false_alarms) === null ? null : P.num(r.false_alarms) / seen;
        if (fa === null) hidden++;
        looks.push({ name: drugName(r), v: fa });
      } else {
        var rec = rate(r.recognition_rate !== undefined ? r.recognition_rate : r.seized_rate);
        if (rec === null && seen) rec = P.num(r.seized) === null ? null : P.num(r.seized) / seen;
        if (rec === null) hidden++;
        drugs.push({ name: drugName(r), v: rec });
      }
    });
    if (!drugs.length && !looks.length) { empty(inst); setNote("chart-drug", 0, k); return; }
    // Worst-recognised drugs first (top of the chart), then the look-alikes
    // most often mistaken for drugs; hidden cells last.
    drugs.sort(function (a, b) { return (a.v === null ? 2 : a.v) - (b.v === null ? 2 : b.v); });
    looks.sort(function (a, b) { return (b.v === null ? -1 : b.v) - (a.v === null ? -1 : a.v); });
    var names = drugs.map(function (d) { return d.name; }).concat(looks.map(function (d) { return d.name; }));
    var recData = drugs.map(function (d) { return pct(d.v); }).concat(looks.map(function () { return "-"; }));
    var faData = drugs.map(function () { return "-"; }).concat(looks.map(function (d) { return pct(d.v); }));
    var opt = base();
    opt.grid.top = 40;
    opt.tooltip.valueFormatter = function (v) { return v === "-" || v === null || v === undefined ? "—" : v + "%"; };
    opt.legend.data = [t("chart.recognition"), t("chart.falseAlarm")];
    opt.xAxis = axisStyle({ type: "value", max: 100, axisLabel: { fontSize: 14, color: axisColor, formatter: "{value}%" } });
    opt.yAxis = axisStyle({ type: "category", data: names, inverse: true, axisLabel: { fontSize: 14, color: textColor } });
    var label = { show: true, position: "right", fontSize: 14, color: textColor,
      formatter: function (p) { return p.value === "-" ? "" : (p.value === null || p.value === undefined ? "<" + k : p.value + "%"); } };
    opt.series = [
      { name: t("chart.recognition"), type: "bar", stack: "x", data: recData, barMaxWidth: 22, label: label,
        itemStyle: { color: "#17998b", borderRadius: [0, 5, 5, 0] } },
      { name: t("chart.falseAlarm"), type: "bar", stack: "x", data: faData, barMaxWidth: 22, label: label,
        itemStyle: { color: "#c8433a", borderRadius: [0, 5, 5, 0] } }
    ];
    var dom = document.getElementById("chart-drug");
    var want = Math.max(320, 60 + names.length * 23);
    if (dom.clientHeight !== want) { dom.style.height = want + "px"; inst.resize(); }
    inst.setOption(opt, true);
    setNote("chart-drug", hidden, k);
  }

  function drawQuiz(rows, k) {
    var inst = instance("chart-quiz");
    if (!inst) return;
    rows = byBand(rows);
    if (!rows.length) { empty(inst); setNote("chart-quiz", 0, k); return; }
    var hidden = 0;
    function series(name, field, alt, color) {
      return { name: name, type: "bar", barMaxWidth: 26, itemStyle: { color: color, borderRadius: [5, 5, 0, 0] },
        data: rows.map(function (r) {
          var v = rate(r[field] !== undefined ? r[field] : r[alt]);
          if (v === null) hidden++;
          return pct(v);
        }) };
    }
    var opt = base();
    opt.grid.top = 56;
    opt.tooltip.valueFormatter = function (v) { return v === null || v === undefined ? "<" + k : v + "%"; };
    opt.xAxis = axisStyle({ type: "category", data: rows.map(function (r) { return P.bandLabel(r.band); }),
      axisLabel: { fontSize: 14, color: axisColor, interval: 0 } });
    opt.yAxis = axisStyle({ type: "value", max: 100, axisLabel: { fontSize: 14, color: axisColor, formatter: "{value}%" } });
    opt.series = [
      series(t("chart.quizAvg"), "quiz_avg", "quiz_average", "#1f5fa9"),
      series(t("chart.passRate"), "quiz_pass_rate", "pass_rate", "#17998b"),
      series(t("chart.fullRate"), "quiz_full_rate", "full_marks_rate", "#e39b2d")
    ];
    inst.setOption(opt, true);
    setNote("chart-quiz", hidden > 0 ? Math.ceil(hidden / 3) : 0, k);
  }

  // drawDrugBand is a heat map: drugs across, age bands down, the cell's
  // colour its recognition rate. Drugs keep the order of the drug chart
  // (least recognised first); hidden cells are grey and labelled.
  function drawDrugBand(rows, drugRows, k) {
    var inst = instance("chart-drugband");
    if (!inst) return;
    rows = rows.filter(function (r) { return (r.kind || "drug") === "drug"; });
    if (!rows.length) { empty(inst); setNote("chart-drugband", 0, k); return; }
    var overall = {};
    drugRows.forEach(function (r) { overall[r.drug] = rate(r.recognition_rate); });
    var drugs = [];
    rows.forEach(function (r) { if (drugs.indexOf(r.drug) < 0) drugs.push(r.drug); });
    drugs.sort(function (a, b) {
      var x = overall[a], y = overall[b];
      return (x === null || x === undefined ? 2 : x) - (y === null || y === undefined ? 2 : y);
    });
    var bands = bandOrder.filter(function (b) { return rows.some(function (r) { return r.band === b; }); });
    var data = [], hidden = 0;
    rows.forEach(function (r) {
      var x = drugs.indexOf(r.drug), y = bands.indexOf(r.band);
      if (x < 0 || y < 0) return;
      var v = rate(r.recognition_rate);
      if (v === null) {
        hidden++;
        data.push({ value: [x, y, "-"], hiddenCell: P.isSuppressed(r.plays) ? P.suppressedText(r.plays) : "<" + k,
          itemStyle: { color: "#e3e8ee" }, label: { color: axisColor } });
      } else {
        data.push({ value: [x, y, pct(v)] });
      }
    });
    var opt = base();
    opt.legend.show = false;
    opt.grid = { left: 16, right: 16, top: 8, bottom: 56, containLabel: true };
    opt.tooltip = { trigger: "item", textStyle: { fontSize: 15 }, formatter: function (p) {
      var enc = window.echarts.format.encodeHTML;
      var v = p.data.hiddenCell ? p.data.hiddenCell : p.data.value[2] + "%";
      return enc(drugName({ drug: drugs[p.data.value[0]] })) + "<br>" + enc(P.bandLabel(bands[p.data.value[1]])) + ": " + enc(v);
    } };
    opt.xAxis = axisStyle({ type: "category", data: drugs.map(function (id) { return drugName({ drug: id }); }), splitArea: { show: false },
      axisLabel: { fontSize: 13, color: textColor, interval: 0, rotate: 40 } });
    opt.yAxis = axisStyle({ type: "category", data: bands.map(P.bandLabel), inverse: true, axisLabel: { fontSize: 14, color: textColor } });
    opt.visualMap = { min: 40, max: 100, calculable: false, show: true, orient: "horizontal", left: "center", bottom: 0,
      itemWidth: 14, itemHeight: 160, text: ["100%", "40%"], textStyle: { fontSize: 13, color: axisColor },
      inRange: { color: ["#c8433a", "#f0c15a", "#17998b"] }, seriesIndex: 0, dimension: 2 };
    opt.series = [{ name: t("chart.recognition"), type: "heatmap", data: data,
      label: { show: true, fontSize: 12, color: "#fff", formatter: function (p) { return p.data.hiddenCell || Math.round(p.data.value[2]); } },
      itemStyle: { borderColor: "#fff", borderWidth: 2 } }];
    var dom = document.getElementById("chart-drugband");
    var want = 150 + bands.length * 44;
    if (dom.clientHeight !== want) { dom.style.height = want + "px"; inst.resize(); }
    inst.setOption(opt, true);
    setNote("chart-drugband", hidden, k);
  }

  // drawEnds is a ring of how the plays ended, from the total row.
  function drawEnds(total, k) {
    var inst = instance("chart-ends");
    if (!inst) return;
    var plays = P.num(total.plays), done = P.num(total.completed), left = P.num(total.abandoned);
    if (!plays || done === null || left === null) {
      empty(inst);
      setNote("chart-ends", P.isSuppressed(total.plays) ? 1 : 0, k);
      return;
    }
    var opt = base();
    opt.tooltip = { trigger: "item", textStyle: { fontSize: 15 }, valueFormatter: function (v) { return P.fmtInt(v); } };
    opt.legend = { orient: "vertical", right: 8, top: "middle", itemGap: 14, textStyle: { fontSize: 15, color: textColor } };
    opt.series = [{
      name: t("chart.ends"), type: "pie", radius: ["48%", "78%"], center: ["34%", "52%"], avoidLabelOverlap: true,
      itemStyle: { borderColor: "#fff", borderWidth: 2 },
      label: { show: true, position: "inside", fontSize: 14, color: "#fff", formatter: function (p) { return p.percent >= 6 ? Math.round(p.percent) + "%" : ""; } },
      data: [
        { name: t("end.completed"), value: done, itemStyle: { color: "#17998b" } },
        { name: t("end.abandoned"), value: left, itemStyle: { color: "#e39b2d" } },
        { name: t("end.other"), value: Math.max(0, plays - done - left), itemStyle: { color: "#8593a3" } }
      ]
    }];
    inst.setOption(opt, true);
    setNote("chart-ends", 0, k);
  }

  // relocale disposes every chart so the next draw uses the new language.
  function relocale() {
    Object.keys(charts).forEach(function (id) { charts[id].dispose(); delete charts[id]; });
  }

  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });

  window.PlayhallCharts = {
    drawTime: drawTime,
    drawBand: drawBand,
    drawDrug: drawDrug,
    drawQuiz: drawQuiz,
    drawEnds: drawEnds,
    drawDrugBand: drawDrugBand,
    relocale: relocale,
    setNames: function (n) { names = n || names; },
    instances: charts,
    rate: rate
  };
})();
