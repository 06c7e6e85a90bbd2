// Playhall dashboard: the admin pages. /admin/kiosks adds a kiosk (showing
// its one-time enrolment code once) and revokes kiosks; /admin/users lists
// and adds office and admin accounts. The hub checks the admin role on every
// request; this page only hides what a non-admin could not use anyway.
"use strict";
(function () {
  var P = window.Playhall;
  var t = window.I18N.t;
  var $ = function (id) { return document.getElementById(id); };
  var tab = location.pathname.indexOf("/admin/users") === 0 ? "users" : "kiosks";
  var schools = [];
  var lastCode = null; // {name, code} of the kiosk just added

  function schoolName(code) {
    for (var i = 0; i < schools.length; i++) if (schools[i].code === code) return schools[i].name;
    return code || "";
  }

  // --- kiosks ---------------------------------------------------------------

  function loadSchools() {
    return P.get("/api/v1/schools").then(function (d) {
      schools = P.listOf(d, ["schools", "rows"]).map(function (s) {
        return { code: s.code || s.school, name: s.name || s.code, district: s.district || "" };
      });
    }).catch(function () { schools = []; }).then(function () {
      var sel = $("kiosk-school");
      sel.textContent = "";
      schools.forEach(function (s) { sel.add(new Option(s.name + (s.district ? " · " + s.district : ""), s.code)); });
      if (!schools.length) $("kiosk-error").textContent = t("admin.kiosks.noSchools");
    });
  }

  function status(k) {
    if (k.revoked) return ["revoked", "status.revoked"];
    if (k.flagged) return ["flagged", "status.flagged"];
    if (k.enrolled === false) return ["pending", "status.pending"];
    if (!k.last_seen || new Date(k.last_seen).getFullYear() < 2000) return ["never", "status.never"];
    return ["ok", "status.ok"];
  }

  function loadKiosks() {
    return P.get("/api/v1/kiosks").then(function (d) {
      var list = P.listOf(d, ["kiosks", "rows"]);
      var body = $("admin-kiosks").querySelector("tbody");
      body.textContent = "";
      if (!list.length) {
        var td = P.el("td", { className: "empty", text: t("common.none") });
        td.colSpan = 7;
        body.appendChild(P.el("tr", null, [td]));
      }
      list.forEach(function (k) {
        var h = k.health || {};
        var s = status(k);
        var tr = P.el("tr", { "data-kiosk": k.id });
        var name = P.el("td", { className: "strong", text: k.name || k.id });
        name.appendChild(P.el("div", { className: "sub", text: k.id }));
        tr.appendChild(name);
        tr.appendChild(P.el("td", { text: k.school_name || schoolName(k.school) }));
        var seen = P.el("td", { text: P.relTime(k.last_seen) });
        seen.title = P.fmtDateTime(k.last_seen);
        tr.appendChild(seen);
        tr.appendChild(P.el("td", { text: k.app_version || h.app_version || "—" }));
        tr.appendChild(P.cell(document.createElement("td"), k.backlog !== undefined ? k.backlog : h.backlog, "int"));
        tr.appendChild(P.el("td", null, [P.el("span", { className: "status status-" + s[0], text: t(s[1]) })]));
        var act = P.el("td");
        if (!k.revoked) {
          var b = P.el("button", { type: "button", className: "btn btn-danger btn-small", "data-revoke": k.id, text: t("admin.kiosks.revoke") });
          b.addEventListener("click", function () { revoke(k); });
          act.appendChild(b);
        }
        tr.appendChild(act);
        body.appendChild(tr);
      });
      document.body.setAttribute("data-kiosks", String(list.length));
    });
  }

  function revoke(k) {
    if (!window.confirm(t("admin.kiosks.revokeConfirm", { name: k.name || k.id }))) return;
    P.post("/api/v1/admin/kiosks/" + encodeURIComponent(k.id) + "/revoke").then(function () {
      P.toast(t("admin.kiosks.revoked"));
      return loadKiosks();
    }).catch(function (e) { P.toast(t("common.error", { msg: e.message }), "error"); });
  }

  function showCode() {
    if (!lastCode) { $("code-box").hidden = true; return; }
    $("code-lead").textContent = t("admin.kiosks.codeLead", { name: lastCode.name });
    $("enrol-code").textContent = lastCode.code;
    $("code-box").hidden = false;
  }

  function initKiosks() {
    $("kiosk-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var err = $("kiosk-error");
      err.textContent = "";
      var name = $("kiosk-name").value.trim(), school = $("kiosk-school").value;
      if (!school) { err.textContent = t("admin.kiosks.noSchools"); return; }
      if (!name) { $("kiosk-name").focus(); return; }
      P.post("/api/v1/admin/kiosks", { school: school, name: name }).then(function (d) {
        d = d || {};
        var code = d.code || d.enrolment_code || d.enrollment_code || (d.kiosk && d.kiosk.code) || "";
        lastCode = { name: name, code: code };
        showCode();
        $("kiosk-name").value = "";
        return loadKiosks();
      }).catch(function (e2) { err.textContent = t("common.error", { msg: e2.message }); });
    });
    $("code-copy").addEventListener("click", function () {
      if (!lastCode) return;
      var done = function () { P.toast(t("admin.kiosks.copied")); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(lastCode.code).then(done, function () {});
      else {
        var r = document.createRange();
        r.selectNodeContents($("enrol-code"));
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        try { document.execCommand("copy"); done(); } catch (e) { /* the code stays selected for Ctrl+C */ }
      }
    });
    $("code-done").addEventListener("click", function () { lastCode = null; showCode(); });
    return loadSchools().then(loadKiosks);
  }

  // --- users ----------------------------------------------------------------

  function loadUsers() {
    return P.get("/api/v1/admin/users").then(function (d) {
      var list = P.listOf(d, ["users", "rows"]);
      var me = (P.session() || {}).user;
      var body = $("admin-users").querySelector("tbody");
      body.textContent = "";
      list.forEach(function (u) {
        var name = u.name || u.username;
        var tr = P.el("tr", { "data-user": name });
        var td = P.el("td", { className: "strong", text: name });
        if (name === me) td.appendChild(P.el("span", { className: "muted", text: " " + t("admin.users.you") }));
        tr.appendChild(td);
        tr.appendChild(P.el("td", { text: t("role." + u.role) }));
        tr.appendChild(P.el("td", { text: P.fmtDateTime(u.created) }));
        var act = P.el("td");
        if (name !== me) { // the hub also refuses to delete the last admin
          var b = P.el("button", { type: "button", className: "btn btn-danger btn-small", "data-delete-user": name, text: t("admin.users.delete") });
          b.addEventListener("click", function () { deleteUser(name); });
          act.appendChild(b);
        }
        tr.appendChild(act);
        body.appendChild(tr);
      });
      document.body.setAttribute("data-users", String(list.length));
    });
  }

  function deleteUser(name) {
    if (!window.confirm(t("admin.users.deleteConfirm", { name: name }))) return;
    P.del("/api/v1/admin/users/" + encodeURIComponent(name)).then(function () {
      P.toast(t("admin.users.deleted"));
      return loadUsers();
    }).catch(function (e) { P.toast(t("common.error", { msg: e.message }), "error"); });
  }

  function initUsers() {
    $("user-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var err = $("user-error");
      err.textContent = "";
      var name = $("user-name").value.trim(), pw = $("user-pass").value;
      if (!name) { $("user-name").focus(); return; }
      if (pw.length < 8) { err.textContent = t("admin.users.short"); return; }
      if (pw !== $("user-pass2").value) { err.textContent = t("admin.users.mismatch"); return; }
      P.post("/api/v1/admin/users", { name: name, role: $("user-role").value, password: pw }).then(function () {
        $("user-form").reset();
        P.toast(t("admin.users.added"));
        return loadUsers();
      }).catch(function (e2) { err.textContent = t("common.error", { msg: e2.message }); });
    });
    return loadUsers();
  }

  // --- page -----------------------------------------------------------------

  P.initTopbar(tab);
  document.body.setAttribute("data-title", tab === "users" ? "nav.users" : "nav.kiosks");
  window.I18N.apply();
  window.I18N.onChange(function () {
    showCode();
    if (tab === "users") loadUsers(); else loadKiosks();
  });
  P.loadSession().then(function (s) {
    P.showSession(s);
    if (s.role !== "admin") { $("forbidden").hidden = false; return null; }
    $("tab-" + tab).hidden = false;
    return tab === "users" ? initUsers() : initKiosks();
  }).then(function () {
    document.body.setAttribute("data-state", "ready");
  }).catch(function (e) {
    if (e && e.status !== 401) P.toast(t("common.error", { msg: e.message }), "error");
    document.body.setAttribute("data-state", "error");
  });
})();
