/* sthandbok preview: reloads the page after a successful rebuild (keeping the scroll position),
 * swaps stylesheets without a reload, and shows a failed build's errors over the page until they
 * are fixed. The page knows the generation of the site it came from; whenever its event stream
 * connects or reconnects, the preview tells the generation it serves now, and a stale page
 * reloads at once. Injected only by `sthandbok serve`, never into built sites. */
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : null;
  var KEY = "sthandbok-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
  }

  var overlay = null;
  function show(messages) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sthandbok-fel";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);" +
        "color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "Bygget misslyckades";
    heading.style.cssText = "margin:0 0 .5rem;font-size:1.4rem;color:#ffb4b4";
    var note = document.createElement("p");
    note.textContent = "Sidan visar den senaste fungerande versionen. Rätta felet och spara, så uppdateras sidan.";
    var details = document.createElement("pre");
    details.textContent = messages;
    details.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;background:#000;padding:1rem;border-radius:4px";
    overlay.appendChild(heading);
    overlay.appendChild(note);
    overlay.appendChild(details);
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var reloading = false;
  function reload() {
    if (reloading) { return; }
    reloading = true;
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }

  function restyle() {
    hide();
    var links = document.querySelectorAll("link[rel=stylesheet]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("v", String(Date.now()));
      links[i].href = url.href;
    }
  }

  // The page reconnects on its own, a quarter second after losing the preview and then every
  // quarter second: browsers wait longer, some up to several seconds, before retrying a
  // stream whose server has gone.
  var RECONNECT = 250;
  function connect() {
    var events = new EventSource("/__sthandbok/events");
    events.addEventListener("generation", function (e) {
      if (generation !== null && JSON.parse(e.data) !== generation) { reload(); }
    });
    events.addEventListener("reload", reload);
    events.addEventListener("css", restyle);
    events.addEventListener("fel", function (e) { show(JSON.parse(e.data)); });
    events.addEventListener("ok", hide);
    events.addEventListener("error", function () {
      events.close();
      if (!reloading) { window.setTimeout(connect, RECONNECT); }
    });
  }
  connect();
})();
