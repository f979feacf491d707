// The projector wall (templates/thematafels/wand.html) never scrolls: each theme's column shows
// what fits. The newest ideas always show (the newest on top of its block); the starred key
// points share the rest and give way from the bottom, whole ideas only, with "and n more key
// points" saying how many are out of sight. The newest block gets at most half the column while
// key points wait for room, and takes back what they leave empty. Newest ideas that do not fit
// give way whole too, from the oldest, and "and n more ideas" counts them with the theme's
// other ideas. Outside the rounds (the wall says so with data-kernpunten-eerst) the key points
// come first and the newest ideas get what they leave: in the wrap-up the hall votes on the key
// points. A column that cannot show all its key points (in a round: its top key point and its
// newest idea) at the hall size takes a size smaller where that shows more of them. Nothing
// moves. An idea new on the wall is highlighted for a few seconds, a glow that fades; with
// prefers-reduced-motion the same highlight without the fade, then gone.
(function () {
  "use strict";
  var PROJECTOR = window.matchMedia("(min-width: 992px)");
  var AANDEEL_NIEUWSTE = 0.5;

  function zichtbaar(items) {
    return items.filter(function (li) { return !li.hidden; });
  }

  function loopt_over(kolom, lijst) {
    if (kolom.scrollHeight > kolom.clientHeight + 1) return true;
    return !!lijst && lijst.scrollHeight > lijst.clientHeight + 1;
  }

  // "and n more …" from the first hidden item on; without one, as the server sent.
  function zetMeer(meer, eersteWeg) {
    if (!meer) return;
    if (!meer.hasAttribute("data-eigen")) {
      meer.setAttribute("data-eigen", meer.textContent);
      meer.setAttribute("data-eigen-hidden", meer.hidden ? "1" : "");
    }
    if (eersteWeg) {
      meer.textContent = eersteWeg.getAttribute("data-meer");
      meer.hidden = false;
    } else {
      meer.textContent = meer.getAttribute("data-eigen");
      meer.hidden = !!meer.getAttribute("data-eigen-hidden");
    }
  }

  // The hall size, unless a size smaller shows more of what counts (see schik).
  function pas(kolom) {
    kolom.classList.remove("wand-klein");
    var groot = schik(kolom);
    if (!PROJECTOR.matches || groot.alles) return;
    kolom.classList.add("wand-klein");
    if (schik(kolom).telt > groot.telt) return;
    kolom.classList.remove("wand-klein");
    schik(kolom);
  }

  // Fits the column and says how much of what counts it shows: outside the rounds the key
  // points, in a round the top key point and the newest idea.
  function schik(kolom) {
    var wand = kolom.closest(".wand");
    var kernpuntenEerst = !!wand && wand.hasAttribute("data-kernpunten-eerst");
    var lijst = kolom.querySelector(".wand-kernpunten");
    var nieuwste = kolom.querySelector(".wand-ideeen");
    var meer = kolom.querySelector(".wand-meer-kernpunten");
    var meerIdeeen = kolom.querySelector(".wand-meer-ideeen");
    var kernpunten = lijst ? Array.from(lijst.children) : [];
    var ideeen = nieuwste ? Array.from(nieuwste.children) : [];
    function telIdeeen() {
      zetMeer(meerIdeeen, ideeen.filter(function (li) { return li.hidden; })[0] || null);
    }
    kernpunten.concat(ideeen).forEach(function (li) { li.hidden = false; });
    zetMeer(meer, null);
    zetMeer(meerIdeeen, null);
    if (!PROJECTOR.matches) return { telt: 0, alles: true };
    var kp = kernpunten.slice();
    var nw = ideeen.slice();
    // First the newest block down to its share while key points wait (outside the rounds to
    // nothing), then key points from the bottom, then the newest ideas back into the room left.
    if (kp.length) {
      var aandeel = kernpuntenEerst ? 0 : AANDEEL_NIEUWSTE;
      var houd = kernpuntenEerst ? 0 : 1;
      while (nw.length > houd && nieuwste.offsetHeight > kolom.clientHeight * aandeel) {
        nw.pop().hidden = true;
        telIdeeen();
      }
    }
    while (loopt_over(kolom, lijst) && kp.length) {
      var weg = kp.pop();
      weg.hidden = true;
      zetMeer(meer, weg);
    }
    if (kernpunten.length && !zichtbaar(kernpunten).length) {
      // Room for the top key point at least, at the cost of older "newest" ideas (in a round
      // the newest one stays).
      kernpunten[0].hidden = false;
      zetMeer(meer, kernpunten[1]);
      while (loopt_over(kolom, lijst) && zichtbaar(ideeen).length > (kernpuntenEerst ? 0 : 1)) {
        zichtbaar(ideeen).pop().hidden = true;
        telIdeeen();
      }
      if (loopt_over(kolom, lijst)) {
        kernpunten[0].hidden = true;
        zetMeer(meer, kernpunten[0]);
      }
    }
    var terug = ideeen.filter(function (li) { return li.hidden; });
    while (terug.length) {
      var li = terug.shift();
      li.hidden = false;
      telIdeeen();
      if (loopt_over(kolom, lijst)) {
        li.hidden = true;
        telIdeeen();
        break;
      }
    }
    var blijft = kernpuntenEerst && zichtbaar(kernpunten).length ? 0 : 1;
    while (loopt_over(kolom, lijst) && zichtbaar(ideeen).length > blijft) {
      zichtbaar(ideeen).pop().hidden = true;
      telIdeeen();
    }
    var telt = kernpuntenEerst
      ? [zichtbaar(kernpunten).length, kernpunten.length]
      : [(kernpunten.length && !kernpunten[0].hidden) + (ideeen.length && !ideeen[0].hidden),
         !!kernpunten.length + !!ideeen.length];
    return { telt: telt[0], alles: telt[0] === telt[1] };
  }

  // Idea id → when this page first showed it. The ideas of the first load are not new.
  var NIEUW_MS = 8000;
  var gezien = null;

  function markeerNieuwe() {
    var wand = document.getElementById("wand");
    if (!wand) return;
    var nu = Date.now();
    var eersteKeer = gezien === null;
    if (eersteKeer) gezien = new Map();
    wand.querySelectorAll("li[data-idee]").forEach(function (li) {
      var id = li.getAttribute("data-idee");
      if (!gezien.has(id)) gezien.set(id, eersteKeer ? 0 : nu);
      var leeftijd = nu - gezien.get(id);
      if (leeftijd >= NIEUW_MS) return;
      // A swap within the glow (the next idea) carries it on where it was, not from the start.
      li.style.animationDelay = -leeftijd + "ms";
      li.classList.add("wand-nieuw");
      setTimeout(function () { li.classList.remove("wand-nieuw"); }, NIEUW_MS - leeftijd);
    });
  }

  function pasAlles() {
    document.querySelectorAll(".wand-kolom").forEach(pas);
  }

  var gepland = false;
  function straks() {
    if (gepland) return;
    gepland = true;
    requestAnimationFrame(function () {
      gepland = false;
      pasAlles();
    });
  }

  // After a swap, before the browser paints: no column is ever shown overflowing.
  document.addEventListener("htmx:afterSwap", pasAlles);
  document.addEventListener("htmx:afterSwap", markeerNieuwe);
  document.addEventListener("DOMContentLoaded", markeerNieuwe);
  document.addEventListener("htmx:afterSettle", pasAlles);
  document.addEventListener("DOMContentLoaded", pasAlles);
  window.addEventListener("resize", straks);
  if (PROJECTOR.addEventListener) PROJECTOR.addEventListener("change", straks);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(straks);
})();
