// Enter saves, Shift+Enter starts a new line: for textareas marked data-enter-verstuurt (the
// information point takes many short questions in a row).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var veld = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    if (!veld.matches || !veld.matches("textarea[data-enter-verstuurt]")) return;
    event.preventDefault();
    if (veld.form && veld.form.requestSubmit) veld.form.requestSubmit();
  });
})();
