// The capture page's list of ideas (templates/thematafels/vastleggen.html). A capture's answer
// and the 5 s poll of the list may both bring the same new idea when the poll overtakes the
// capture's answer on slow wifi: keep one of each.
(function () {
  "use strict";
  function ontdubbel() {
    var gezien = {};
    document.querySelectorAll(".idee-lijst > li.idee").forEach(function (li) {
      if (gezien[li.id]) {
        li.remove();
      } else {
        gezien[li.id] = true;
      }
    });
  }
  // An idea queued offline in the previous round is saved after the page moved to the next:
  // it belongs to its own round's list, so this list (and its count) is fetched afresh.
  function andereRonde() {
    var live = document.getElementById("ideeen-live");
    if (!live || !window.htmx) return;
    var vreemd = live.querySelectorAll(".idee-lijst > li.idee:not([data-ronde='" + live.getAttribute("data-ronde") + "'])");
    if (!vreemd.length) return;
    vreemd.forEach(function (li) { li.remove(); });
    window.htmx.trigger(live, "live-refresh");
  }
  document.addEventListener("capture:sent", ontdubbel);
  document.addEventListener("capture:sent", andereRonde);
  document.addEventListener("htmx:afterSettle", ontdubbel);
})();
