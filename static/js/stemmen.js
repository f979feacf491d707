// The dot vote at a slow hall wifi: three quick taps are three dots.
// The form queues every tap while an answer is on its way (hx-sync="this:queue all") and stays
// while its inside is swapped, so no queued tap is dropped with a replaced element. A queued tap
// is sent only after the previous answer is in, when the button it pressed has been replaced:
// htmx would then send no button at all. So each tap's button is noted at the tap, and handed
// to its own request, in order. Its key is the one the previous answer brought (a fresh one per
// answer), so the server counts each tap once and a retried tap not twice.
(function () {
  "use strict";
  var getikt = new WeakMap();

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.hasAttribute || !form.hasAttribute("data-stemlijst") || !event.submitter) return;
      if (!getikt.has(form)) getikt.set(form, []);
      getikt.get(form).push({ naam: event.submitter.name, waarde: event.submitter.value });
    },
    true
  );

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    var rij = getikt.get(form);
    if (!rij || !rij.length) return;
    var tik = rij.shift();
    var params = event.detail.parameters;
    delete params.plus;
    delete params.min;
    params[tik.naam] = tik.waarde;
  });
})();
