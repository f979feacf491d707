// Live screens poll only while they are visible; a hidden tab costs the server nothing.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-live-poll") &&
        document.visibilityState !== "visible") {
      event.preventDefault();
    }
  });
  // Coming back to a tab refreshes at once instead of waiting for the next tick.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible" || !window.htmx) return;
    document.querySelectorAll("[data-live-poll]").forEach(function (elt) {
      window.htmx.trigger(elt, "live-refresh");
    });
  });
})();
