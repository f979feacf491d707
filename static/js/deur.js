// The door on bad wifi: say so when a check-in did not reach the server, instead of staying
// silent (the walk-in form has its own queue, capture.js). Tapping again is harmless.
(function () {
  "use strict";
  function melding(event) {
    var doos = document.getElementById("deur-fout");
    var bron = event.detail && event.detail.elt;
    if (!doos || !bron || !bron.closest || !bron.closest(".deur-rij, #resultaten")) return;
    doos.textContent = doos.getAttribute("data-msg");
    doos.hidden = false;
  }
  function weg() {
    var doos = document.getElementById("deur-fout");
    if (doos) doos.hidden = true;
  }
  document.addEventListener("htmx:sendError", melding);
  document.addEventListener("htmx:timeout", melding);
  document.addEventListener("htmx:responseError", melding);
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail && event.detail.successful) weg();
  });
  // A walk-in went through: the last answer's error or suggestion no longer applies.
  document.addEventListener("capture:sent", function () {
    var blok = document.getElementById("inloop");
    if (!blok) return;
    blok.querySelectorAll("[data-inloop-oud]").forEach(function (el) { el.remove(); });
    blok.querySelectorAll(".is-invalid").forEach(function (el) {
      el.classList.remove("is-invalid");
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    });
  });
})();
