// Playhall dashboard: the login page. It posts the user name and password
// to the hub's POST /login as JSON and, once the hub has set the session cookie, goes to
// the page the user first asked for (only same-site paths are followed).
"use strict";
(function () {
  var P = window.Playhall;
  var t = window.I18N.t;
  var form = document.getElementById("login-form");
  var err = document.getElementById("login-error");
  var btn = document.getElementById("login-submit");

  function next() {
    var n = new URLSearchParams(location.search).get("next") || "/";
    // Only a path on this hub: no scheme, no "//host", no backslash tricks.
    return /^\/(?![\/\\])/.test(n) ? n : "/";
  }

  P.initTopbar("login");
  form.next.value = next();
  // Without script the form posts to the hub, which sends a failed login
  // back to /login?error=1.
  if (new URLSearchParams(location.search).has("error")) err.textContent = t("login.failed");

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    err.textContent = "";
    var user = form.username.value.trim(), pass = form.password.value;
    if (!user || !pass) {
      err.textContent = t("login.failed");
      return;
    }
    btn.disabled = true;
    btn.textContent = t("login.busy");
    P.post("/login", { username: user, password: pass }).then(function () {
      location.href = next();
    }).catch(function (e2) {
      err.textContent = e2.status === 429 ? t("login.throttled") : e2.status === 401 || e2.status === 403 ? t("login.failed") : t("common.error", { msg: e2.message });
      btn.disabled = false;
      btn.textContent = t("login.submit");
      form.password.select();
    });
  });

  // Already logged in: go straight on.
  P.loadSession().then(function () { location.href = next(); }).catch(function () { /* stay */ });
})();
