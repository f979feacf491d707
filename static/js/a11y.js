// What a keyboard and a screen reader need when htmx replaces part of a page (every page loads this).
// - Announcements: a swapped fragment's data-aankondig="…" is read out from #aankondiging
//   (base.html), a live region that no swap replaces: a live region that is itself swapped in is
//   often not read at all. A poll's fragment is read out only when its text changed (the
//   programme's next item, never the same item again); what a person did is always confirmed.
// - Focus: when the swap removed the control that had focus, focus goes to the control with the
//   same id in the new fragment (htmx does that itself only while the control still has focus,
//   not after hx-disabled-elt took it away). A fragment may name another with autofocus (htmx).
// - Errors: a page or fragment with an error summary (.foutoverzicht) puts focus on it, and the
//   page's title says so ("Fout: …").
// - Sticky bars: a page that keeps a bar on top (the door's counts) sets scroll-padding-top; a
//   link's target honours it, but Chromium scrolls a control reached by Tab only when it is off
//   screen, so a control that lands under the bar is scrolled clear of it here.
(function () {
  "use strict";
  var gelezen = null;
  var gedrukt = null;

  function binnen(root, selector) {
    if (!root || !root.querySelector) return null;
    return root.matches && root.matches(selector) ? root : root.querySelector(selector);
  }

  function aankondig(root, doorPoll) {
    var bron = binnen(root, "[data-aankondig]");
    var regio = document.getElementById("aankondiging");
    if (!bron || !regio) return;
    var tekst = bron.getAttribute("data-aankondig");
    if (!tekst || (doorPoll && tekst === gelezen)) return;
    gelezen = tekst;
    // Emptied first, so that the same words said again (a second idea saved) are read again.
    regio.textContent = "";
    setTimeout(function () { regio.textContent = tekst; }, 100);
  }

  function foutoverzicht(root) {
    var overzicht = binnen(root, ".foutoverzicht");
    if (!overzicht) return;
    overzicht.focus();
    var voor = overzicht.getAttribute("data-titel");
    if (voor && document.title.indexOf(voor) !== 0) document.title = voor + document.title;
  }

  function isPoll(elt) {
    return !!(elt && elt.hasAttribute && elt.hasAttribute("data-live-poll"));
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isPoll(event.detail.elt)) return;
    var actief = document.activeElement;
    gedrukt = actief && actief !== document.body ? actief.id : null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    aankondig(root, isPoll(event.detail && event.detail.elt));
    foutoverzicht(root);
    var actief = document.activeElement;
    if (!gedrukt || (actief && actief !== document.body && actief.isConnected)) return;
    var terug = document.getElementById(gedrukt);
    if (terug) {
      terug.focus();
      gedrukt = null;
    }
  });

  document.addEventListener("focusin", function (event) {
    var vrij = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    if (!vrij || !event.target.getBoundingClientRect) return;
    var boven = event.target.getBoundingClientRect().top;
    if (boven < vrij) window.scrollBy({ top: boven - vrij, behavior: "instant" });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var bron = document.querySelector("[data-aankondig]");
    gelezen = bron ? bron.getAttribute("data-aankondig") : null;
    foutoverzicht(document);
  });
})();
