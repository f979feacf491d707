// The hall check (templates/wijkavond/zaalcheck.html): each frame holds a real screen at the
// hall's resolution; scale it down to the page's width, so the whole screen shows at once.
(function () {
  "use strict";
  function pas() {
    document.querySelectorAll("[data-zaal-venster]").forEach(function (venster) {
      var breed = Number(venster.getAttribute("data-breed"));
      var hoog = Number(venster.getAttribute("data-hoog"));
      var frame = venster.querySelector("iframe");
      var schaal = venster.clientWidth / breed;
      venster.classList.add("is-geschaald");
      venster.style.height = Math.round(hoog * schaal) + "px";
      frame.style.transform = "scale(" + schaal + ")";
    });
  }
  document.addEventListener("DOMContentLoaded", pas);
  window.addEventListener("resize", pas);
})();
