// Playhall dashboard: the overview page. It reads the filters, asks the hub
// for the summary, the reports, participation and kiosk health in parallel,
// and redraws; it polls every 30 s while the tab is visible. The filters live
// in the page's query string so a reload or a shared link keeps them.
//
// For tests and the curious, document.body carries data-loads (how many
// refreshes finished) and data-state ("loading", "ready" or "error").
"use strict";
(function () {
  var P = window.Playhall;
  var C = window.PlayhallCharts;
  var t = window.I18N.t;
  // The page polls every 30 s; localStorage "playhall.refreshMs" (at least
  // 1000) changes that, for a wall display or a test.
  var REFRESH_MS = (function () {
    var v = 0;
    try { v = Number(window.localStorage.getItem("playhall.refreshMs")); } catch (e) { v = 0; }
    return v >= 1000 ? v : 30000;
  })();

  var state = { k: 10, schools: [], loads: 0, timer: null, busy: false, again: false, data: null, sort: {} };
  var $ = function (id) { return document.getElementById(id); };

  // --- dates --------------------------------------------------------------

  function iso(d) {
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }

  function daysAgo(n) { var d = new Date(); d.setDate(d.getDate() - n); return d; }

  // termStart is 1 September or 1 March, whichever came last.
  function termStart() {
    var now = new Date(), y = now.getFullYear(), m = now.getMonth();
    if (m >= 8) return new Date(y, 8, 1);
    if (m >= 2) return new Date(y, 2, 1);
    return new Date(y - 1, 8, 1);
  }

  function setRange(days) {
    $("f-from").value = iso(days === "term" ? termStart() : daysAgo(Number(days) - 1));
    $("f-to").value = iso(new Date());
  }

  // fillDays adds a zero row for every day in from..to that has no row: the
  // hub leaves out days without plays (a zero, not a hidden cell).
  function fillDays(rows, from, to) {
    var have = {};
    rows.forEach(function (r) { have[r.day] = r; });
    var a = new Date(from + "T00:00:00Z"), b = new Date(to + "T00:00:00Z");
    if (isNaN(a.getTime()) || isNaN(b.getTime()) || b < a || (b - a) / 86400000 > 400) return rows;
    var out = [];
    for (var d = a; d <= b; d = new Date(d.getTime() + 86400000)) {
      var key = d.toISOString().slice(0, 10);
      out.push(have[key] || { day: key, plays: 0 });
    }
    return out;
  }

  // grain picks the time bucket so the chart keeps a readable number of points.
  function grain() {
    var from = new Date($("f-from").value), to = new Date($("f-to").value);
    var days = (to - from) / 86400000;
    if (!isFinite(days) || days <= 62) return "day";
    if (days <= 366) return "week";
    return "month";
  }

  // --- filters ------------------------------------------------------------

  function filters() {
    return {
      from: $("f-from").value,
      to: $("f-to").value,
      district: $("f-district").value,
      school: $("f-school").value,
      band: $("f-band").value
    };
  }

  function query(extra) {
    var f = filters(), q = [];
    Object.keys(extra || {}).forEach(function (k) { f[k] = extra[k]; });
    Object.keys(f).forEach(function (k) {
      if (f[k]) q.push(encodeURIComponent(k) + "=" + encodeURIComponent(f[k]).replace(/%2C/g, ","));
    });
    return q.join("&");
  }

  function saveFilters() {
    var q = query();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  function restoreFilters() {
    var p = new URLSearchParams(location.search);
    if (p.get("from") && p.get("to")) {
      $("f-from").value = p.get("from");
      $("f-to").value = p.get("to");
    } else {
      setRange(30);
    }
    $("f-band").value = p.get("band") || "";
    state.wantDistrict = p.get("district") || "";
    state.wantSchool = p.get("school") || "";
  }

  function fillSchools() {
    var dSel = $("f-district"), sSel = $("f-school");
    var keepD = dSel.value || state.wantDistrict || "", keepS = sSel.value || state.wantSchool || "";
    state.wantDistrict = state.wantSchool = "";
    var districts = [];
    state.schools.forEach(function (s) { if (s.district && districts.indexOf(s.district) < 0) districts.push(s.district); });
    districts.sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
    while (dSel.options.length > 1) dSel.remove(1);
    districts.forEach(function (d) { dSel.add(new Option(d, d)); });
    dSel.value = districts.indexOf(keepD) >= 0 ? keepD : "";
    while (sSel.options.length > 1) sSel.remove(1);
    state.schools.filter(function (s) { return !dSel.value || s.district === dSel.value; })
      .forEach(function (s) { sSel.add(new Option(s.name || s.code, s.code)); });
    sSel.value = keepS;
    if (sSel.value !== keepS) sSel.value = "";
  }

  // loadNames fetches display names of drugs, look-alikes and levels once.
  function loadNames() {
    if (state.names) return Promise.resolve(state.names);
    return P.get("/static/names.json").then(function (n) { state.names = n || {}; C.setNames(state.names); return n; })
      .catch(function () { return null; });
  }

  function loadSchools() {
    return P.get("/api/v1/schools").then(function (d) {
      state.schools = P.listOf(d, ["schools", "rows"]).map(function (s) {
        return { code: s.code || s.school, name: s.name || s.school_name || s.code, district: s.district || "" };
      });
      fillSchools();
      if (!state.schools.length) throw new Error("no schools");
    }).catch(function () {
      // No schools endpoint: the participation table lists every school.
      return P.get("/api/v1/participation?by=school").then(function (d) {
        state.schools = P.listOf(d, ["rows"]).map(function (s) {
          return { code: s.school, name: s.school_name || s.school, district: s.district || "" };
        });
        fillSchools();
      }).catch(function () { /* filters stay empty */ });
    });
  }

  function exportLinks() {
    var by = $("f-export-by").value, lang = window.I18N.lang();
    $("export-csv").href = "/api/v1/export?" + query({ format: "csv", by: by, lang: lang });
    $("export-xlsx").href = "/api/v1/export?" + query({ format: "xlsx", by: by, lang: lang });
  }

  // --- rendering ----------------------------------------------------------

  function pick(obj, names) {
    for (var i = 0; i < names.length; i++) {
      if (obj && obj[names[i]] !== undefined && obj[names[i]] !== null) return obj[names[i]];
    }
    return undefined;
  }

  // rateOf finds a rate in row: a ready rate field, or count ÷ plays.
  function rateOf(row, rateNames, countNames, total) {
    var r = pick(row, rateNames);
    if (r !== undefined) return r;
    var c = pick(row, countNames);
    if (P.isSuppressed(c)) return c;
    var n = P.num(c), d = P.num(total !== undefined ? total : row.plays);
    return n === null || !d ? undefined : n / d;
  }

  function completionOf(row) { return rateOf(row, ["completion_rate", "completion"], ["completed"]); }
  function passOf(row) { return rateOf(row, ["quiz_pass_rate", "pass_rate"], ["quiz_passed", "passed"], pick(row, ["quizzed", "quiz_plays"])); }

  function filtered() {
    var f = filters();
    return !!(f.district || f.school || f.band);
  }

  // renderKPIs shows the headline from the summary, which the hub filters
  // by district, school and band (a filtered count is "<K" or hidden as the
  // report by those dimensions shows it); rates come from the total row.
  function renderKPIs(sum, total) {
    var plays = sum.plays === undefined ? total.plays : sum.plays;
    $("kpi-plays").textContent = P.fmtInt(plays === undefined ? 0 : plays);
    $("kpi-kiosks").textContent = P.fmtInt(pick(sum, ["kiosks", "kiosks_seen"]));
    $("kpi-completion").textContent = P.fmtRate(completionOf(total));
    $("kpi-quiz").textContent = P.fmtRate(passOf(total));
    var bs = sum.by_source || {};
    var note = $("kpi-plays-note");
    note.removeAttribute("data-i18n");
    if (bs.kiosk !== undefined || bs.web !== undefined) {
      note.textContent = t("kpi.bySource", { kiosk: P.fmtInt(bs.kiosk || 0), web: P.fmtInt(bs.web || 0) });
    } else {
      note.textContent = t("kpi.playsNote");
    }
    $("empty-hint").hidden = !(sum.plays === 0 && !filtered());
    var kn = $("kpi-kiosks-note");
    kn.removeAttribute("data-i18n");
    kn.textContent = sum.enrolled !== undefined ? t("kpi.kiosksOf", { n: P.fmtInt(sum.enrolled) }) : t("kpi.kiosksNote");
  }

  // sortKey is what a column sorts by: a number when the cell is one
  // (hidden cells sort below every number), else the text.
  function sortKey(c, r) {
    var v = c.sort ? c.sort(r) : c.get ? c.get(r) : "";
    if (P.isSuppressed(v)) return -1;
    if (typeof v === "number") return v;
    return v === null || v === undefined ? "" : String(v);
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return 1;
    if (typeof b === "number") return -1;
    return a.localeCompare(b, "zh-CN");
  }

  // fillTable draws rows into the table's body. A click on a heading sorts
  // by that column (again: the other way); the order survives refreshes.
  // Rows marked _class "total" stay last.
  function fillTable(id, rows, cols) {
    var table = $(id);
    table._last = [rows, cols];
    if (!table._sortable) {
      table._sortable = true;
      table.querySelectorAll("thead th").forEach(function (th, i) {
        th.classList.add("sortable");
        th.tabIndex = 0;
        var go = function () {
          var s = state.sort[id];
          state.sort[id] = { col: i, dir: s && s.col === i ? -s.dir : (table.querySelectorAll("thead th")[i].classList.contains("num") ? -1 : 1) };
          fillTable(id, table._last[0], table._last[1]);
        };
        th.addEventListener("click", go);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
      });
    }
    var s = state.sort[id];
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.setAttribute("aria-sort", s && s.col === i ? (s.dir > 0 ? "ascending" : "descending") : "none");
    });
    if (s && cols[s.col]) {
      var body0 = rows.filter(function (r) { return r._class !== "total"; });
      var tail = rows.filter(function (r) { return r._class === "total"; });
      body0 = body0.map(function (r, i) { return { r: r, k: sortKey(cols[s.col], r), i: i }; });
      body0.sort(function (a, b) { return s.dir * compare(a.k, b.k) || a.i - b.i; });
      rows = body0.map(function (x) { return x.r; }).concat(tail);
    }
    var body = table.querySelector("tbody");
    body.textContent = "";
    if (!rows.length) {
      var td = P.el("td", { className: "empty", text: t("common.none") });
      td.colSpan = cols.length;
      body.appendChild(P.el("tr", null, [td]));
      return;
    }
    rows.forEach(function (r) {
      var tr = P.el("tr", r._class ? { className: r._class } : null);
      cols.forEach(function (c) {
        var td = document.createElement("td");
        if (c.render) c.render(td, r);
        else P.cell(td, c.get(r), c.kind);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function schoolNameOf(code) {
    for (var i = 0; i < state.schools.length; i++) if (state.schools[i].code === code) return state.schools[i].name;
    return code || "";
  }

  function schoolName(r) { return r.school_name || r.name || r.school || ""; }

  function districtOf(code) {
    for (var i = 0; i < state.schools.length; i++) if (state.schools[i].code === code) return state.schools[i].district;
    return "";
  }

  function renderParticipation(bySchoolPart, byDistrictPart, bySchool) {
    // The hub applies the district and school filters to all three.
    var schools = P.listOf(bySchoolPart, ["rows", "schools"]).filter(function (r) { return r.school || r.code; });
    var districts = P.listOf(byDistrictPart, ["rows", "districts"]);
    var plays = {};
    bySchool.forEach(function (r) { plays[r.school] = r; });
    if (!state.schools.length && schools.length) {
      state.schools = schools.map(function (s) { return { code: s.school || s.code, name: schoolName(s), district: s.district || "" }; });
      fillSchools();
    }
    // Schools that played but have no participation row still get a line.
    var seen = {};
    var rows = schools.map(function (s) { var code = s.school || s.code; seen[code] = true; return Object.assign({}, plays[code] || {}, s, { school: code }); });
    bySchool.forEach(function (r) { if (!seen[r.school]) rows.push(r); });
    fillTable("table-schools", rows, [
      { render: function (td, r) { td.textContent = schoolName(r); td.className = "strong"; }, sort: schoolName },
      { get: function (r) { return r.district || districtOf(r.school); } },
      { kind: "int", get: function (r) { return r.plays; } },
      { kind: "rate", get: completionOf },
      { kind: "rate", get: passOf },
      { kind: "int", get: function (r) { return r.visits; } },
      { kind: "int", get: function (r) { return pick(r, ["enrolment", "enrolled", "students_enrolled"]); } },
      { kind: "int", get: function (r) { return pick(r, ["students", "students_participating", "participating_students"]); } },
      { kind: "rate", get: function (r) { return pick(r, ["student_rate", "student_participation_rate", "student_participation"]); } }
    ]);
    var total = !filters().district && !filters().school && byDistrictPart && (byDistrictPart.total || byDistrictPart.totals);
    var drows = districts.slice();
    if (total) drows.push(Object.assign({ _class: "total", district: t("table.total") }, total));
    fillTable("table-districts", drows, [
      { render: function (td, r) { td.textContent = r.district || r.name || ""; td.className = "strong"; }, sort: function (r) { return r.district || ""; } },
      { kind: "int", get: function (r) { return r.schools; } },
      { kind: "int", get: function (r) { return pick(r, ["schools_participating", "participating_schools", "schools_active"]); } },
      { kind: "rate", get: function (r) { return pick(r, ["school_rate", "school_participation_rate", "school_participation"]); } },
      { kind: "int", get: function (r) { return pick(r, ["enrolment", "enrolled"]); } },
      { kind: "int", get: function (r) { return pick(r, ["students", "students_participating", "participating_students"]); } },
      { kind: "rate", get: function (r) { return pick(r, ["student_rate", "student_participation_rate", "student_participation"]); } }
    ]);
  }

  // renderPrePost shows, per band, the share of right answers in the
  // pre-play questions and in the post-play ones (same plays).
  function renderPrePost(rows) {
    var box = $("quiz-prepost-items");
    box.textContent = "";
    var order = ["primary", "junior", "senior", "adult"];
    rows = rows.slice().sort(function (a, b) { return order.indexOf(a.band) - order.indexOf(b.band); });
    var shown = 0;
    rows.forEach(function (r) {
      var pre = P.num(r.pre_correct_rate), post = P.num(r.post_correct_rate);
      if (pre === null || post === null) return;
      var ch = (post - pre) * 100;
      box.appendChild(P.el("tr", null, [
        P.el("td", { text: P.bandLabel(r.band) }),
        P.el("td", { className: "num", text: P.fmtRate(pre) }),
        P.el("td", { className: "num", text: P.fmtRate(post) }),
        P.el("td", { className: "num " + (ch >= 0 ? "up" : "down"), text: (ch >= 0 ? "+" : "−") + Math.abs(ch).toFixed(1) + " pt" })
      ]));
      shown++;
    });
    $("quiz-prepost").hidden = shown === 0;
    $("quiz-prepost").title = t("quiz.prepostTitle");
  }

  function kioskStatus(k) {
    if (k.revoked || k.status === "revoked") return ["revoked", "status.revoked"];
    if (k.flagged) return ["flagged", "status.flagged"];
    if (!k.enrolled && k.enrolled !== undefined) return ["pending", "status.pending"];
    if (!k.last_seen || new Date(k.last_seen).getFullYear() < 2000) return ["never", "status.never"];
    return ["ok", "status.ok"];
  }

  function renderKiosks(list) {
    var flagged = 0;
    list = list.slice().sort(function (a, b) { return (b.flagged ? 1 : 0) - (a.flagged ? 1 : 0) || String(a.name).localeCompare(String(b.name), "zh-CN"); });
    fillTable("table-kiosks", list, [
      { render: function (td, k) { td.className = "strong"; td.textContent = k.name || k.id; td.title = k.id || ""; }, sort: function (k) { return k.name || k.id; } },
      { get: function (k) { return k.school_name || schoolNameOf(k.school); } },
      { render: function (td, k) { td.textContent = P.relTime(k.last_seen); td.title = P.fmtDateTime(k.last_seen); },
        sort: function (k) { var d = Date.parse(k.last_seen); return isNaN(d) ? 0 : d; } },
      { get: function (k) { return k.app_version || k.version || (k.health && k.health.app_version); } },
      { get: function (k) { return k.content_version || (k.health && k.health.content_version); } },
      { kind: "int", get: function (k) { return pick(k, ["backlog"]) !== undefined ? k.backlog : (k.health && k.health.backlog); } },
      { sort: function (k) { return t(kioskStatus(k)[1]); }, render: function (td, k) {
        var s = kioskStatus(k);
        if (s[0] === "flagged") flagged++;
        var badge = P.el("span", { className: "status status-" + s[0], text: t(s[1]) });
        if (k.flag_reason) badge.title = k.flag_reason;
        if (k.last_error) badge.title = (badge.title ? badge.title + "\n" : "") + k.last_error;
        td.appendChild(badge);
      } }
    ]);
    var banner = $("flagged-banner");
    banner.hidden = flagged === 0;
    banner.textContent = t("flagged.count", { n: flagged });
  }

  function render() {
    var d = state.data;
    if (!d) return;
    state.k = (d.time && d.time.k) || (d.band && d.band.k) || state.k;
    var total = P.listOf(d.total, ["rows"])[0] || {};
    renderKPIs(d.summary || {}, total);
    var timeRows = P.listOf(d.time, ["rows"]);
    C.drawTime(d.grain === "day" ? fillDays(timeRows, d.from, d.to) : timeRows, d.grain, state.k);
    C.drawBand(P.listOf(d.band, ["rows"]), state.k);
    C.drawDrug(P.listOf(d.drug, ["rows"]), state.k);
    C.drawDrugBand(P.listOf(d.drugBand, ["rows"]), P.listOf(d.drug, ["rows"]), state.k);
    C.drawQuiz(P.listOf(d.band, ["rows"]), state.k);
    C.drawEnds(total, state.k);
    renderPrePost(P.listOf(d.band, ["rows"]));
    renderParticipation(d.partSchool, d.partDistrict, P.listOf(d.school, ["rows"]));
    renderKiosks(P.listOf(d.kiosks, ["kiosks", "rows"]));
    $("privacy-note").textContent = t("privacy.note", { k: state.k });
    $("last-updated").textContent = state.loadedAt ? t("refresh.last") + " " + state.loadedAt.toLocaleTimeString(window.I18N.lang() === "en" ? "en-GB" : "zh-CN") : "";
  }

  // refresh loads everything for the current filters. A refresh asked for
  // while one runs is queued, so the last filter change always wins.
  function refresh() {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    document.body.setAttribute("data-state", "loading");
    saveFilters();
    exportLinks();
    var g = grain();
    var q = query();
    var amp = q ? "&" + q : "";
    var dates = "from=" + encodeURIComponent(filters().from) + "&to=" + encodeURIComponent(filters().to);
    var area = query({ from: "", to: "", band: "" }); // district and school: participation and kiosks take no band
    area = area ? "&" + area : "";
    var soft = function (p) { return p.catch(function (e) { if (e && e.status === 401) throw e; return null; }); };
    Promise.all([
      P.get("/api/v1/summary?" + query()),
      P.get("/api/v1/report" + (q ? "?" + q : "")),
      P.get("/api/v1/report?by=" + g + amp),
      P.get("/api/v1/report?by=band" + amp),
      soft(P.get("/api/v1/report?by=drug" + amp)),
      soft(P.get("/api/v1/report?by=drug,band" + amp)),
      soft(P.get("/api/v1/report?by=school" + amp)),
      soft(P.get("/api/v1/participation?by=school&" + dates + area)),
      soft(P.get("/api/v1/participation?by=district&" + dates + area)),
      soft(P.get("/api/v1/kiosks?" + area.slice(1))),
      loadNames()
    ]).then(function (r) {
      state.data = { summary: r[0], total: r[1], time: r[2], grain: g, from: filters().from, to: filters().to, band: r[3], drug: r[4],
        drugBand: r[5], school: r[6], partSchool: r[7], partDistrict: r[8], kiosks: r[9] };
      state.loadedAt = new Date();
      $("load-error").hidden = true;
      $("live-dot").className = "dot on";
      render();
      state.loads++;
      if (state.loads === 1 && window.performance) {
        document.body.setAttribute("data-first-ready-ms", String(Math.round(performance.now())));
      }
      document.body.setAttribute("data-loads", String(state.loads));
      document.body.setAttribute("data-state", "ready");
    }).catch(function (e) {
      $("load-error").hidden = false;
      $("load-error").textContent = t("refresh.error") + ": " + (e && e.message ? e.message : e);
      $("live-dot").className = "dot off";
      document.body.setAttribute("data-state", "error");
    }).then(function () {
      state.busy = false;
      if (state.again) { state.again = false; refresh(); }
    });
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = setInterval(function () { if (!document.hidden) refresh(); }, REFRESH_MS);
  }

  function init() {
    P.initTopbar("dashboard");
    restoreFilters();
    ["f-from", "f-to", "f-band", "f-school"].forEach(function (id) { $(id).addEventListener("change", refresh); });
    $("f-district").addEventListener("change", function () { fillSchools(); refresh(); });
    $("f-export-by").addEventListener("change", exportLinks);
    $("f-quick").addEventListener("click", function (e) {
      var b = e.target.closest("button[data-days]");
      if (!b) return;
      setRange(b.getAttribute("data-days"));
      refresh();
    });
    $("refresh-now").addEventListener("click", refresh);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
    window.I18N.onChange(function () { C.relocale(); render(); exportLinks(); });
    exportLinks();
    P.loadSession().then(function (s) {
      P.showSession(s);
      return loadSchools();
    }).then(function () {
      refresh();
      schedule();
    }).catch(function (e) {
      if (e && e.status !== 401) {
        $("load-error").hidden = false;
        $("load-error").textContent = t("refresh.error") + ": " + e.message;
      }
    });
  }

  window.PlayhallDashboard = { state: state, refresh: refresh };
  init();
})();
