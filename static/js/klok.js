// Countdowns tick in the browser between polls, on the session clock the server sent.
(function () {
  "use strict";
  var skews = new WeakMap();

  function skewOf(container) {
    if (!skews.has(container)) {
      skews.set(container, Number(container.getAttribute("data-nu")) * 1000 - Date.now());
    }
    return skews.get(container);
  }

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var container = el.closest("[data-nu]");
      if (!container) return;
      var now = Date.now() + skewOf(container);
      var left = Math.max(0, Math.floor(Number(el.getAttribute("data-countdown")) - now / 1000));
      // A wait (data-minuten="over %(n)s min") counts whole minutes, rounded up.
      var minuten = el.getAttribute("data-minuten");
      el.textContent = minuten ? minuten.replace("%(n)s", Math.ceil(left / 60)) : format(left);
      if (left === 0 && !container.hasAttribute("data-wissel") && window.htmx) {
        // The item ended: ask for the next one now rather than at the next poll.
        container.setAttribute("data-wissel", "");
        window.htmx.trigger(container, "live-refresh");
      }
    });
  }

  // A switch that found no network (a phone offline at the round's end) asks again in 5 s.
  document.addEventListener("htmx:afterRequest", function (event) {
    var container = event.target;
    if (event.detail.successful || !container.hasAttribute || !container.hasAttribute("data-wissel")) return;
    setTimeout(function () { container.removeAttribute("data-wissel"); }, 5000);
  });

  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
