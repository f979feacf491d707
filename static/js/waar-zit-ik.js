// "Waar zit ik?" on the projector: show as many names as fit the screen, then the next ones
// every few seconds. Without this script the whole list shows (and scrolls). With
// prefers-reduced-motion the pages change without a fade. The 3 s poll swaps the list: start
// over on the new one, at the same page.
(function () {
  "use strict";
  var WACHT = 8000;
  var pagina = 0;
  var timer = null;
  var rustig = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function paginas(groepen) {
    // Lines in order, cut where the next would not fit above the screen's edge. A page breaks
    // between names, not only between letters: one letter may hold more names than a screen
    // (its heading then shows again on the next page).
    var lijst = [[]];
    // Measured in one column; the page shows two where the screen is wide (CSS columns), less
    // a margin for groups that do not split over a column's end.
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    var kolommen = groepen.clientWidth >= 58 * rem ? 2 : 1;
    var ruimte = (window.innerHeight - groepen.getBoundingClientRect().top - 60) * kolommen * 0.85;
    groepen.classList.add("is-meten");
    groepen.querySelectorAll(".waar-groep, .waar-regels > li").forEach(function (e) { e.hidden = false; });
    var gebruikt = 0;
    var groep = null;
    groepen.querySelectorAll(".waar-regels > li").forEach(function (li) {
      var g = li.closest(".waar-groep");
      var rect = li.getBoundingClientRect();
      var kop = rect.top - g.getBoundingClientRect().top;
      var nodig = rect.height + (g !== groep ? kop + rem : 0);
      if (gebruikt + nodig > ruimte && lijst[lijst.length - 1].length) {
        lijst.push([]);
        gebruikt = 0;
        nodig = rect.height + kop + rem;
      }
      groep = g;
      gebruikt += nodig;
      lijst[lijst.length - 1].push(li);
    });
    groepen.classList.remove("is-meten");
    return lijst;
  }

  function laatZien(groepen, regels) {
    groepen.querySelectorAll(".waar-regels > li").forEach(function (li) {
      li.hidden = regels.indexOf(li) < 0;
    });
    groepen.querySelectorAll(".waar-groep").forEach(function (g) {
      g.hidden = !g.querySelector(".waar-regels > li:not([hidden])");
    });
  }

  var cache = null;

  function toon(vervagen) {
    var groepen = document.querySelector("[data-waar-paginas]");
    if (!groepen) return;
    // Pages are measured once per list (a poll's new list, or a resize, measures again).
    if (!cache || cache.groepen !== groepen) cache = { groepen: groepen, lijst: paginas(groepen) };
    var lijst = cache.lijst;
    if (pagina >= lijst.length) pagina = 0;
    var huidig = lijst[pagina];
    laatZien(groepen, huidig);
    // Two columns wrap more than the one-column measurement: whatever still falls below the
    // screen's edge moves to the next page, so the hall never sees half a line.
    var scherm = document.documentElement;
    while (scherm.scrollHeight > window.innerHeight && huidig.length > 1) {
      if (pagina + 1 >= lijst.length) lijst.push([]);
      lijst[pagina + 1].unshift(huidig.pop());
      laatZien(groepen, huidig);
    }
    if (vervagen && !rustig && lijst.length > 1) {
      groepen.classList.remove("is-nieuw");
      void groepen.offsetWidth; // restart the fade
      groepen.classList.add("is-nieuw");
    }
    var teller = document.querySelector("[data-waar-teller]");
    if (teller) teller.textContent = lijst.length > 1 ? (pagina + 1) + " / " + lijst.length : "";
  }

  function volgende() {
    pagina += 1;
    toon(true);
  }

  function begin() {
    toon(false);
    if (timer === null) timer = window.setInterval(volgende, WACHT);
  }

  document.addEventListener("DOMContentLoaded", begin);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "waar-lijst") toon(false);
  });
  window.addEventListener("resize", function () { cache = null; toon(false); });
})();
