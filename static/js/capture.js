// Never lose a capture (DESIGN.md). A form marked data-capture is sent through a queue kept in
// localStorage: the box clears at once, the entry waits while the network is down ("n wachten
// op verbinding") and is sent when it returns. Each entry carries the submission key the form
// had, so a retry of something the server already has is harmless.
//
//   <form method="post" action="…" data-capture data-capture-target="#lijst">
//     … <input type="hidden" name="sleutel" data-capture-key> …
//     <p data-capture-status data-msg-wachten="%(n)s …" data-msg-fout="…" aria-live="polite"></p>
//
// data-msg-opgeslagen="…" on the status (optional) confirms a sent entry, for forms whose
// result shows up out of sight on a phone.
//   </form>
//
// The server answers an htmx POST with the fragment for data-capture-target (swapped in as
// outerHTML), or 400 with the form fragment when the input is invalid. An entry leaves the queue
// only when stored or refused for good: a 403 is first taken for a stale CSRF token (someone
// logged in or out in another tab rotates it), so the page is read again for a fresh one and the
// entry is sent once more; refused again with that token, it is refused for good.
(function () {
  "use strict";
  var RETRY_MS = 5000;

  function newKey() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function storeKey(form) { return "wijkavond-wachtrij:" + form.getAttribute("action"); }
  function load(form) {
    try { return JSON.parse(localStorage.getItem(storeKey(form)) || "[]"); } catch (e) { return []; }
  }
  function save(form, queue) {
    try { localStorage.setItem(storeKey(form), JSON.stringify(queue)); } catch (e) { /* full or private */ }
  }

  function tokenOf(body) {
    try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function csrfToken() { return tokenOf(document.body); }

  // The page as it is now (its own access check included) carries the token that goes with the
  // cookie as it is now; htmx's requests take it from <body hx-headers> too. Resolves to "" when
  // the page itself is refused (the link was revoked): no token will help then.
  function freshToken() {
    return fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.status >= 400 && response.status < 500) return "";
        if (!response.ok) throw new Error("page " + response.status);
        return response.text();
      }).then(function (html) {
        var token = html && tokenOf(new DOMParser().parseFromString(html, "text/html").body);
        if (!token) return "";
        document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          input.value = token;
        });
        return token;
      });
  }

  function showStatus(form, queue, failed, sent) {
    var status = form.querySelector("[data-capture-status]");
    if (!status) return;
    clearTimeout(waitTimers.get(form));
    var text;
    if (queue.length) {
      var een = queue.length === 1 && status.getAttribute("data-msg-wachten-een");
      text = een || status.getAttribute("data-msg-wachten").replace("%(n)s", queue.length);
      status.classList.add("is-wachtend");
    } else {
      var saved = sent ? status.getAttribute("data-msg-opgeslagen") || "" : "";
      text = failed ? status.getAttribute("data-msg-fout") : saved;
      status.classList.remove("is-wachtend");
    }
    // A live region is read out on every change: write the count only when it changes. A saved
    // entry is confirmed each time (emptied first, so the same words are read again).
    if (sent && text && status.textContent === text) {
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 100);
    } else if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  function swapInto(selector, html) {
    var target = document.querySelector(selector);
    if (!target) return;
    if (window.htmx) {
      window.htmx.swap(target, html, { swapStyle: "outerHTML" });
    } else {
      target.outerHTML = html;
    }
  }

  var sending = new WeakMap();
  var waitTimers = new WeakMap();

  function post(form, entry) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 10000);
    // The token goes in the header only: a queued entry's own copy may have gone stale.
    var data = entry.data.filter(function (p) { return p[0] !== "csrfmiddlewaretoken"; });
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
      signal: controller.signal,
    }).then(function (response) {
      return response.text().then(function (html) { return { status: response.status, html: html }; });
    }).finally(function () { clearTimeout(timer); });
  }

  function flush(form) {
    if (sending.get(form)) return;
    var queue = load(form);
    if (!queue.length) { showStatus(form, queue); return; }
    sending.set(form, true);
    // Online, an entry is stored within a blink: count it as waiting only when it takes a while.
    clearTimeout(waitTimers.get(form));
    waitTimers.set(form, setTimeout(function () { showStatus(form, load(form)); }, 1000));
    var entry = queue[0];
    post(form, entry).then(function (result) {
      if (result.status !== 403) return result;
      return freshToken().then(function (token) { return token ? post(form, entry) : result; });
    }).then(function (result) {
      sending.set(form, false);
      if (result.status >= 500 || result.status === 429) { return retryLater(form); }
      // Sent (or refused for good): either way it leaves the queue.
      var rest = load(form).filter(function (e) { return e.key !== entry.key; });
      save(form, rest);
      if (result.status < 300) {
        swapInto(form.getAttribute("data-capture-target"), result.html);
        document.body.dispatchEvent(new CustomEvent("capture:sent", { bubbles: true }));
      } else if (result.status === 400 && form.getAttribute("data-capture-errors")) {
        swapInto(form.getAttribute("data-capture-errors"), result.html);
      }
      showStatus(form, rest, result.status >= 300, result.status < 300);
      if (rest.length) flush(form);
    }).catch(function () {
      sending.set(form, false);
      retryLater(form);
    });
  }

  function retryLater(form) {
    showStatus(form, load(form));
    setTimeout(function () { flush(form); }, RETRY_MS);
  }

  function onSubmit(event) {
    var form = event.target.closest("form[data-capture]");
    if (!form || (form.checkValidity && !form.checkValidity())) return;
    event.preventDefault();
    var keyInput = form.querySelector("[data-capture-key]");
    var data = Array.from(new FormData(form).entries()).filter(function (p) {
      return typeof p[1] === "string";
    });
    var queue = load(form);
    queue.push({ key: keyInput ? keyInput.value : newKey(), data: data });
    save(form, queue);
    // Ready for the next entry at once: clear what was typed, fresh key, keep focus.
    if (keyInput) keyInput.value = newKey();
    form.querySelectorAll("[data-capture-clear]").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { el.checked = false; } else { el.value = ""; }
    });
    var focus = form.querySelector("[data-capture-focus]");
    if (focus) focus.focus();
    flush(form);
  }

  function init() {
    document.querySelectorAll("form[data-capture]").forEach(function (form) { flush(form); });
  }

  document.addEventListener("submit", onSubmit);
  document.addEventListener("DOMContentLoaded", init);
  window.addEventListener("online", init);
  window.Wijkavond = window.Wijkavond || {};
  window.Wijkavond.newKey = newKey;
})();
