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
  document.addEventListener("capture:sent", ontdubbel);
  document.addEventListener("htmx:afterSettle", ontdubbel);
})();
