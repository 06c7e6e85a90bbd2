// Playhall dashboard: talking to the hub's JSON API, and the pieces every
// page shares (session, top bar, number formatting, suppressed cells).
"use strict";
(function () {
  var t = window.I18N.t;
  var session = null;

  // ApiError carries the HTTP status and the hub's {"error": "..."} text.
  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }
  ApiError.prototype = Object.create(Error.prototype);

  function loginURL() {
    return "/login?next=" + encodeURIComponent(location.pathname + location.search + location.hash);
  }

  // request sends a same-origin request with the session cookie. Bodies are
  // JSON; state-changing requests carry the CSRF token. A 401 sends the
  // browser to the login page (except on the login page itself).
  function request(method, url, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && session && session.csrf) headers["X-CSRF-Token"] = session.csrf;
    return fetch(url, {
      method: method,
      headers: headers,
      credentials: "same-origin",
      cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = { error: text.slice(0, 200) }; }
        }
        if (!res.ok) {
          if (res.status === 401 && !document.body.hasAttribute("data-public")) {
            location.href = loginURL();
          }
          throw new ApiError(res.status, (data && data.error) || res.statusText || ("HTTP " + res.status));
        }
        return data;
      });
    });
  }

  // loadSession fetches who is logged in: {user, role, csrf}. The hub may
  // name the fields slightly differently; they are normalised here.
  function loadSession() {
    return request("GET", "/api/v1/session").then(function (s) {
      s = s || {};
      session = {
        user: s.user || s.username || s.name || "",
        role: s.role || "office",
        csrf: s.csrf || s.csrf_token || s.csrfToken || ""
      };
      return session;
    });
  }

  function logout() {
    return request("POST", "/logout", {}).catch(function () { return null; }).then(function () {
      location.href = "/login";
    });
  }

  // --- formatting ---------------------------------------------------------

  // isSuppressed says whether a cell came back hidden ("<10").
  // The hub sends "<K" for a cell under K plays and "suppressed" for a cell
  // hidden so that a small one cannot be worked out from the totals.
  function isSuppressed(v) { return typeof v === "string" && (v.charAt(0) === "<" || v === "suppressed"); }

  // suppressedText is what a hidden cell shows.
  function suppressedText(v) { return v === "suppressed" ? t("suppressed.hidden") : v; }

  function suppressedTitle(v) {
    return v === "suppressed" ? t("suppressed.complement") : t("suppressed.title", { k: v.slice(1) });
  }

  // num returns a number, or null for a suppressed or missing cell.
  function num(v) {
    if (v === null || v === undefined || v === "" || isSuppressed(v)) return null;
    var n = typeof v === "number" ? v : Number(v);
    return isFinite(n) ? n : null;
  }

  function locale() { return window.I18N.lang() === "en" ? "en-GB" : "zh-CN"; }

  function fmtInt(v) {
    if (isSuppressed(v)) return suppressedText(v);
    var n = num(v);
    return n === null ? "—" : Math.round(n).toLocaleString(locale());
  }

  // fmtRate shows a fraction as a percentage: 0.875 → "87.5%". (The hub
  // sends every rate as a fraction; a participation rate may pass 1 when
  // classes came back more than once.)
  function fmtRate(v) {
    if (isSuppressed(v)) return suppressedText(v);
    var n = num(v);
    if (n === null) return "—";
    return (n * 100).toFixed(1) + "%";
  }

  // cell builds a table cell's content: suppressed values get a badge that
  // explains itself.
  function cell(td, v, kind) {
    td.textContent = "";
    if (kind === "rate" || kind === "int") td.className = "num";
    if (isSuppressed(v)) {
      var b = document.createElement("span");
      b.className = "suppressed";
      b.textContent = suppressedText(v);
      b.title = suppressedTitle(v);
      td.appendChild(b);
      return td;
    }
    td.textContent = kind === "rate" ? fmtRate(v) : kind === "int" ? fmtInt(v) : (v === null || v === undefined || v === "" ? "—" : String(v));
    return td;
  }

  function relTime(iso) {
    if (!iso) return t("time.never");
    var d = new Date(iso);
    if (isNaN(d.getTime()) || d.getFullYear() < 2000) return t("time.never");
    var s = (Date.now() - d.getTime()) / 1000;
    if (s < 90) return t("time.justNow");
    if (s < 3600) return t("time.minutes", { n: Math.round(s / 60) });
    if (s < 48 * 3600) return t("time.hours", { n: Math.round(s / 3600) });
    return t("time.days", { n: Math.round(s / 86400) });
  }

  function fmtDateTime(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toLocaleString(locale(), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  }

  function bandLabel(b) {
    var key = "band." + b;
    var s = t(key);
    return s === key ? String(b) : s;
  }

  // listOf accepts an array or an object wrapping one under a known name.
  function listOf(data, names) {
    if (Array.isArray(data)) return data;
    if (!data) return [];
    for (var i = 0; i < names.length; i++) {
      if (Array.isArray(data[names[i]])) return data[names[i]];
    }
    return [];
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") e.textContent = attrs[k];
        else if (k === "className") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  // toast shows a short message at the bottom of the page.
  function toast(msg, kind) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = msg;
    box.className = "toast show " + (kind || "");
    clearTimeout(box._timer);
    box._timer = setTimeout(function () { box.className = "toast"; }, 4000);
  }

  // --- top bar ------------------------------------------------------------

  function initTopbar(active) {
    var langBtn = document.getElementById("lang-toggle");
    if (langBtn) langBtn.addEventListener("click", function () { window.I18N.toggle(); });
    var out = document.getElementById("logout");
    if (out) out.addEventListener("click", function (e) { e.preventDefault(); logout(); });
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      if (a.getAttribute("data-nav") === active) a.classList.add("active");
    });
    window.I18N.apply();
  }

  function showSession(s) {
    var who = document.getElementById("who");
    if (who) {
      who.textContent = "";
      who.appendChild(el("span", { className: "who-name", text: s.user }));
      who.appendChild(el("span", { className: "who-role", "data-i18n": "role." + s.role, text: t("role." + s.role) }));
    }
    document.querySelectorAll("[data-admin-only]").forEach(function (e) {
      e.hidden = s.role !== "admin";
    });
  }

  window.Playhall = {
    request: request,
    get: function (url) { return request("GET", url); },
    post: function (url, body) { return request("POST", url, body === undefined ? {} : body); },
    del: function (url) { return request("DELETE", url); },
    del: function (url) { return request("DELETE", url); },
    loadSession: loadSession,
    session: function () { return session; },
    ApiError: ApiError,
    isSuppressed: isSuppressed,
    suppressedText: suppressedText,
    num: num,
    fmtInt: fmtInt,
    fmtRate: fmtRate,
    cell: cell,
    relTime: relTime,
    fmtDateTime: fmtDateTime,
    bandLabel: bandLabel,
    listOf: listOf,
    el: el,
    toast: toast,
    initTopbar: initTopbar,
    showSession: showSession
  };
})();
