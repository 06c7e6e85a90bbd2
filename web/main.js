// Playhall web edition loader: reads the page's settings into
// window.PLAYHALL (read by cmd/web), loads playhall.wasm with a progress bar
// and runs it. Ebitengine then adds its canvas, which fills the window and
// scales the game's logical canvas to it.
//
// Settings: <meta name="playhall-hub"> and <meta name="playhall-lang"> in
// index.html. With ?test=1 the read-only test hook window.playhallTest is
// installed (used by the end-to-end test) and ?idle=S / ?still=S shorten
// the idle timeouts; nothing else reads the URL.
(function () {
  'use strict';
  var meta = function (name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') || '' : '';
  };
  var params = new URLSearchParams(location.search);
  var cfg = { hub: meta('playhall-hub'), lang: meta('playhall-lang') };
  if (params.get('test') === '1') {
    cfg.test = true;
    var idle = Number(params.get('idle'));
    if (idle >= 1) { cfg.playIdle = idle; cfg.menuIdle = idle; }
    var still = Number(params.get('still'));
    if (still >= 1) { cfg.stillThere = still; }
  }
  window.PLAYHALL = cfg;

  var box = document.getElementById('loading');
  var bar = document.getElementById('progress');
  var msg = document.getElementById('message');
  var fail = function (text) {
    box.classList.remove('hidden');
    msg.className = 'err';
    msg.textContent = '无法运行 Cannot run: ' + text;
  };
  window.playhallFailed = fail;

  if (typeof WebAssembly !== 'object' || typeof Go !== 'function') {
    fail('this browser has no WebAssembly (请使用新版浏览器 please use a current browser)');
    return;
  }

  // Read the module with progress; the size is the header's when the
  // server sends it uncompressed, else an estimate.
  var load = function (url) {
    return fetch(url, { credentials: 'omit' }).then(function (resp) {
      if (!resp.ok) { throw new Error(url + ': ' + resp.status + ' ' + resp.statusText); }
      var total = Number(resp.headers.get('Content-Length')) || 0;
      if (resp.headers.get('Content-Encoding') || !total) { total = 36e6; }
      if (!resp.body || !resp.body.getReader) { return resp.arrayBuffer(); }
      var reader = resp.body.getReader(), chunks = [], got = 0;
      var pump = function () {
        return reader.read().then(function (r) {
          if (r.done) {
            var buf = new Uint8Array(got), at = 0;
            chunks.forEach(function (c) { buf.set(c, at); at += c.length; });
            return buf.buffer;
          }
          chunks.push(r.value);
          got += r.value.length;
          bar.style.width = Math.min(100, 100 * got / total).toFixed(0) + '%';
          msg.textContent = '正在载入 Loading… ' + (got / 1e6).toFixed(1) + ' MB';
          return pump();
        });
      };
      return pump();
    });
  };

  var go = new Go();
  load('playhall.wasm').then(function (bytes) {
    return WebAssembly.instantiate(bytes, go.importObject);
  }).then(function (res) {
    box.classList.add('hidden');
    return go.run(res.instance);
  }).then(function () {
    fail('the game stopped (游戏已停止); reload the page 请刷新页面');
  }).catch(function (err) {
    fail(String(err && err.message || err));
  });
})();
